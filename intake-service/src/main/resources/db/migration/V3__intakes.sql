-- Intakes as hotlines record them. Only INTERNAL fields are in clear; identity, narrative, URLs, offender
-- handles and the reporter's contact are stored as sealed values (Avro-encoded SealedValue), exactly as they
-- travel in IntakeReceived.
CREATE TABLE intakes (
    case_id               uuid        PRIMARY KEY,
    case_reference        text        NOT NULL UNIQUE,
    reporter_pin_hash     text        NOT NULL,
    -- The PIN itself, sealed for the hotline: an idempotent retry must hand the same PIN back.
    reporter_pin          bytea       NOT NULL,
    status                text        NOT NULL,
    received_at           timestamptz NOT NULL,
    hotline_id            text        NOT NULL,
    channel               text        NOT NULL,
    reporter_relationship text        NOT NULL,
    child_age_band        text        NOT NULL,
    child_gender          text        NOT NULL,
    province              text        NOT NULL,
    language              text        NOT NULL,
    risk_level            text        NOT NULL,
    female_officer        boolean     NOT NULL,
    incident_categories   text[]      NOT NULL,
    child_identity        bytea,
    narrative             bytea,
    content_urls          bytea,
    offender_handles      bytea,
    reporter_contact      bytea,
    idempotency_key       text        UNIQUE,
    request_hash          bytea
);
