-- The rules routing overrode (rule-overrides) that the vault has put in the audit trail, by event id: an override
-- read twice (a redelivery after a crash) is chained once.
CREATE TABLE recorded_overrides (
  event_id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL,
  recorded_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
