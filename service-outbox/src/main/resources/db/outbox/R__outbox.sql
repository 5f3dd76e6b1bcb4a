-- The transactional outbox (service-outbox's Outbox and OutboxRelay): every event that must reach Kafka is
-- written here in the transaction of the change it records, and published by the relay, which marks a row sent
-- only after the broker acknowledged it. Payloads are Avro single-object encodings (schema fingerprint + binary).
--
-- The one definition of the table, shipped by service-outbox for every service that uses it: a service lists
-- classpath:db/outbox in its flyway.datasources.default.locations and writes no outbox DDL of its own.
--
-- Why a repeatable migration (R__) whose statements all say IF NOT EXISTS:
-- * Databases migrated before this file existed already have the table, made by the services' own versioned
--   scripts (intake V2, V5, V6; notification V1). Those scripts stay byte for byte as they are: Flyway keeps
--   their checksums and would refuse to start if an applied script changed. On those databases, and on new ones
--   (where the versioned scripts run first and still create the table), this file finds everything in place and
--   changes nothing; it is recorded once in the service's flyway_schema_history.
-- * A repeatable migration has no version, so it cannot collide with a service's version numbers, and it runs
--   after all versioned ones. Flyway runs it again whenever this file changes: to change the table, append a
--   statement that is safe to run again (ADD COLUMN IF NOT EXISTS, CREATE INDEX IF NOT EXISTS, ...), and never
--   make a statement here fail on a database that already ran it.
-- * Once a database has run this file, a build from before it stops at Flyway's validation ("applied migration
--   not resolved locally: outbox"); to roll back to such a build, set its
--   flyway.datasources.default.ignore-migration-patterns to *:missing,*:future.

-- PostgreSQL's notice for each IF NOT EXISTS that finds its object ("already exists, skipping") would reach the
-- service's log as a Flyway warning; it is expected here. LOCAL: for this migration's transaction only.
SET LOCAL client_min_messages = warning;

CREATE TABLE IF NOT EXISTS outbox (
    id          bigserial   PRIMARY KEY,
    event_id    text        NOT NULL UNIQUE,
    topic       text        NOT NULL,
    record_key  text        NOT NULL,
    value_type  text        NOT NULL,
    payload     bytea       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    sent_at     timestamptz,
    -- A row that can never be published as it is (its event type unknown, its schema refused) is parked with
    -- its reason, for an operator to mend and release: it blocks only its own key, never the others.
    failed_at   timestamptz,
    failure     text
);

-- The relay's work list: unsent rows in order, and per key, to find each key's oldest unsent row.
CREATE INDEX IF NOT EXISTS outbox_unsent ON outbox (id) WHERE sent_at IS NULL;
CREATE INDEX IF NOT EXISTS outbox_unsent_by_key ON outbox (record_key, id) WHERE sent_at IS NULL;
-- The relay deletes published rows after a while; this finds them without reading the whole table.
CREATE INDEX IF NOT EXISTS outbox_sent_at ON outbox (sent_at) WHERE sent_at IS NOT NULL;
