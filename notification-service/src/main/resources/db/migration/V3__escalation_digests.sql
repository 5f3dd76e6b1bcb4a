-- A supervisor hears of escalations at most once per period (NOTIFY_DIGEST_PERIOD): the first at once, the ones
-- after it in one digest when the period is over, with the counts by unit and reason. A surge of reports (a
-- sextortion wave) then brings a supervisor one message a period, not one per case. Routing's case timeline still
-- records every escalation.
CREATE TABLE supervisor_alerts (
    supervisor_unit  text        PRIMARY KEY,
    last_sent_at     timestamptz NOT NULL
);

-- Escalations waiting for their supervisor's next digest: INTERNAL values only (unit, reason), and the event they
-- came from, as every delivery keeps it.
CREATE TABLE escalations_waiting (
    id               bigserial   PRIMARY KEY,
    supervisor_unit  text        NOT NULL,
    unit_id          text        NOT NULL,
    step             text        NOT NULL,
    case_id          text        NOT NULL,
    event_id         text        NOT NULL,
    source_value     bytea       NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX escalations_waiting_by_supervisor ON escalations_waiting (supervisor_unit, id);
