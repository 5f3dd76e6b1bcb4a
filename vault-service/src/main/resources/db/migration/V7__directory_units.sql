-- The agency directory as the vault last recorded it in the audit trail (directory.RecordedDirectory): each unit's
-- latest version, as Avro binary, so that a version read again is recorded once and a change names what changed.
CREATE TABLE directory_units (
    unit_id     text        PRIMARY KEY,
    unit        bytea       NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
