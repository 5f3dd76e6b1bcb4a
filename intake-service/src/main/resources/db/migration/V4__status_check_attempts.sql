-- Failed reporter status checks, to stop PIN guessing: a six-digit PIN is a million guesses away.
CREATE TABLE status_check_failures (
    case_reference text        NOT NULL,
    failed_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX status_check_failures_recent ON status_check_failures (case_reference, failed_at);
