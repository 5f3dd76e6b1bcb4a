-- An outbox row that can never be published as it is (its event type unknown, its schema refused) is parked
-- here with its reason, for an operator to mend and release: it blocks only its own key, never the others.
ALTER TABLE outbox ADD COLUMN failed_at timestamptz;
ALTER TABLE outbox ADD COLUMN failure text;
