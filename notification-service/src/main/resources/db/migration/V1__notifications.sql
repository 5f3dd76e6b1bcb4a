-- Events already turned into deliveries: checked and written in the same transaction as the deliveries, so an
-- event consumed again (a crash before the offset commit) is recognised and asks for nothing twice.
CREATE TABLE handled_events (
    event_id    text        PRIMARY KEY,
    topic       text        NOT NULL,
    handled_at  timestamptz NOT NULL DEFAULT now()
);

-- Reporters who agreed to hear how their report goes: their contact stays sealed (Avro-encoded SealedValue,
-- audience NOTIFICATION) and is opened through the vault only at the moment a message is sent.
CREATE TABLE reporters (
    case_id          text        PRIMARY KEY,
    case_reference   text        NOT NULL,
    sealed_contact   bytea       NOT NULL,
    language         text        NOT NULL,
    last_status      text,
    created_at       timestamptz NOT NULL DEFAULT now()
);

-- One message to one recipient over one channel. Its id is the idempotency key every channel carries, so a
-- message sent again after a crash can be recognised by its receiver. Bodies are rendered at send time from
-- the template and its variables, which hold INTERNAL values only.
CREATE TABLE deliveries (
    id               uuid        PRIMARY KEY,
    event_id         text        NOT NULL,
    source_topic     text        NOT NULL,
    source_value     bytea       NOT NULL,
    case_id          text        NOT NULL,
    recipient        text        NOT NULL,
    unit_id          text,
    channel          text        NOT NULL,
    address          text,
    lane             text        NOT NULL,
    template         text        NOT NULL,
    language         text        NOT NULL,
    variables        text        NOT NULL,
    status           text        NOT NULL DEFAULT 'PENDING',
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    last_error       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    delivered_at     timestamptz
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX deliveries_by_event ON deliveries (event_id);

-- The transactional outbox (service-outbox): delivery receipts for notification-receipts.
CREATE TABLE outbox (
    id          bigserial   PRIMARY KEY,
    event_id    text        NOT NULL UNIQUE,
    topic       text        NOT NULL,
    record_key  text        NOT NULL,
    value_type  text        NOT NULL,
    payload     bytea       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    sent_at     timestamptz,
    failed_at   timestamptz,
    failure     text
);
CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;
CREATE INDEX outbox_unsent_by_key ON outbox (record_key, id) WHERE sent_at IS NULL;
CREATE INDEX outbox_sent_at ON outbox (sent_at) WHERE sent_at IS NOT NULL;
