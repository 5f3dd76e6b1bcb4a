-- The vault's own view of who holds each case, from the case states it reads (CaseStatesListener): every
-- referral of the latest state, as "SERVICE/unit/STATE". An agency opening is checked against this, never
-- against what the caller says. A state older than the one kept changes nothing.
CREATE TABLE case_holders (
  case_id UUID PRIMARY KEY,
  version BIGINT NOT NULL,
  referrals TEXT[] NOT NULL
);
