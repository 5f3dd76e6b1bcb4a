-- The head of each case's audit hash chain: the hash of its last audit event.
CREATE TABLE audit_chain (
    case_id    text        PRIMARY KEY,
    last_hash  bytea       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
