-- The key vault: one wrapped data key per case. A key exists here only encrypted under the key-encryption key
-- (a KMS key in production), with the case id bound as associated data. Deleting a row crypto-shreds the case.
CREATE TABLE case_keys (
    case_id        text        PRIMARY KEY,
    wrapped_keyset bytea       NOT NULL,
    kek_id         text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    rewrapped_at   timestamptz
);

-- Finds the keys still wrapped under an older KEK after a rotation.
CREATE INDEX case_keys_kek_id ON case_keys (kek_id);

-- The hotline that recorded each case, bound when its intake is sealed: only that hotline's staff open or erase it.
CREATE TABLE case_hotlines (
    case_id    text PRIMARY KEY,
    hotline_id text NOT NULL
);
