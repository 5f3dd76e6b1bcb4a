-- The transactional outbox: every event that must reach Kafka is written here in the same transaction as the
-- state change it records, and published by the relay, which marks a row sent only after the broker
-- acknowledged it. Payloads are Avro single-object encodings (schema fingerprint + binary).
CREATE TABLE outbox (
    id          bigserial   PRIMARY KEY,
    event_id    text        NOT NULL UNIQUE,
    topic       text        NOT NULL,
    record_key  text        NOT NULL,
    value_type  text        NOT NULL,
    payload     bytea       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    sent_at     timestamptz
);

-- The relay's work list: unsent rows in order, and per key, to find each key's oldest unsent row.
CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;
CREATE INDEX outbox_unsent_by_key ON outbox (record_key, id) WHERE sent_at IS NULL;

-- The head of each case's audit hash chain: the hash of its last audit event.
CREATE TABLE audit_chain (
    case_id    text        PRIMARY KEY,
    last_hash  bytea       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
