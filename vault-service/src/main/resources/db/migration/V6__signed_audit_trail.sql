-- The platform's one audit trail, signed (issue 17): every record in one global sequence, chained to the record
-- before it, signed by a key no database holds (schemas' AuditChain gives the layout; the vault's
-- audit.SignedAuditTrail writes it). The per-case chain heads of V2 are replaced by the trail's single head.

-- The schemas the trail's events were written in, by fingerprint, so that an event reads back as it was written
-- whatever its schema has become since.
CREATE TABLE audit_schemas (
    fingerprint bytea PRIMARY KEY,
    schema      text  NOT NULL
);

CREATE TABLE audit_trail (
    sequence           bigint      PRIMARY KEY CHECK (sequence > 0),
    -- What the auditors' view filters on, copied from the signed event; the verifier checks each copy against it.
    -- No case for a change of the agency directory.
    case_id            text,
    kind               text        NOT NULL,
    actor_id           text        NOT NULL,
    unit_id            text,
    occurred_at        timestamptz NOT NULL,
    -- What is signed: the sequence, this, the fingerprint and the event's bytes (AuditChain.Link).
    previous_hash      bytea,
    schema_fingerprint bytea       NOT NULL REFERENCES audit_schemas (fingerprint),
    event              bytea       NOT NULL,
    signature          bytea       NOT NULL
);
CREATE INDEX audit_trail_by_case ON audit_trail (case_id, sequence);
CREATE INDEX audit_trail_by_actor ON audit_trail (actor_id, sequence);
CREATE INDEX audit_trail_by_unit ON audit_trail (unit_id, sequence);
CREATE INDEX audit_trail_by_time ON audit_trail (occurred_at);

-- The trail's head, one row, locked by every writer: the sequence is handed out in commit order, with no gaps.
CREATE TABLE audit_head (
    one           boolean PRIMARY KEY DEFAULT true CHECK (one),
    sequence      bigint  NOT NULL,
    last_hash     bytea
);
INSERT INTO audit_head (sequence, last_hash) VALUES (0, NULL);

DROP TABLE audit_chain;

-- Records are only ever added. These triggers stop a stray or injected statement; an intruder holding the vault's
-- own role could drop them, which is why the trail is signed and checkpointed outside this database: the verifier
-- finds what they did.
CREATE FUNCTION refuse_audit_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'The audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME
      USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER audit_trail_append_only BEFORE UPDATE OR DELETE ON audit_trail
    FOR EACH ROW EXECUTE FUNCTION refuse_audit_rewrite();
CREATE TRIGGER audit_trail_never_emptied BEFORE TRUNCATE ON audit_trail
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_rewrite();
CREATE TRIGGER audit_schemas_append_only BEFORE UPDATE OR DELETE ON audit_schemas
    FOR EACH ROW EXECUTE FUNCTION refuse_audit_rewrite();
CREATE TRIGGER audit_schemas_never_emptied BEFORE TRUNCATE ON audit_schemas
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_rewrite();
CREATE TRIGGER audit_head_never_removed BEFORE DELETE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION refuse_audit_rewrite();
CREATE TRIGGER audit_head_never_emptied BEFORE TRUNCATE ON audit_head
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_rewrite();
