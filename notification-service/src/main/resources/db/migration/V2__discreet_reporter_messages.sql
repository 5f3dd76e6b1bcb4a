-- What messages to a reporter may say (ReporterMessages): DISCREET, the default, names no report and carries no
-- reference; WITH_REFERENCE only when the reporter chose it. Reporters registered before the choice existed never
-- made it, so they get the safe default. A discreet reporter's reference is not kept here at all.
ALTER TABLE reporters ADD COLUMN messages text NOT NULL DEFAULT 'DISCREET';
ALTER TABLE reporters ALTER COLUMN case_reference DROP NOT NULL;
UPDATE reporters SET case_reference = NULL WHERE messages = 'DISCREET';
-- Messages to those reporters not sent yet go out discreet too, and no reporter's message row keeps a reference.
UPDATE deliveries SET template = replace(template, 'REPORT_', 'DISCREET_')
 WHERE recipient = 'REPORTER' AND status = 'PENDING' AND template LIKE 'REPORT\_%';
UPDATE deliveries SET variables = '{}' WHERE recipient = 'REPORTER';
