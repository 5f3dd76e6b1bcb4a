-- notification reads case-intakes and case-states side by side, so a case's state can be read before its intake
-- (a backlog caught up after a stop, say); until the intake is read, nobody is registered to be told. Each intake
-- read marks its case here. A reporter status read before it is kept here, the latest only, and told once the
-- intake has registered a reporter who agreed to updates; then it is cleared. Nothing else about the case is kept.
-- Cases whose intake was read before this table existed are not marked: a state of theirs read later, with no
-- reporter registered, leaves only its case id and status here.
CREATE TABLE case_intakes_read (
    case_id        text     PRIMARY KEY,
    intake_read    boolean  NOT NULL,
    status_before  text
);
INSERT INTO case_intakes_read (case_id, intake_read) SELECT case_id, true FROM reporters;
