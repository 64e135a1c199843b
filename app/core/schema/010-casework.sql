-- Needs as casework (issue #13): who a need is assigned to (a partner
-- organisation, by the id its record provider gives, kind "organisation"),
-- when it was assigned and met (closed is already there), and the
-- officer's notes. Every existing row stays valid: the new columns are
-- NULL until someone assigns, meets or writes about a need.
ALTER TABLE need ADD COLUMN assignee INTEGER;
ALTER TABLE need ADD COLUMN assigned DATETIME;
ALTER TABLE need ADD COLUMN met DATETIME;
ALTER TABLE need ADD COLUMN notes TEXT;
CREATE INDEX need_assignee ON need (assignee) WHERE assignee IS NOT NULL;
CREATE INDEX need_opened ON need (opened);
CREATE INDEX need_status ON need (status);
CREATE INDEX resource_availability ON resource (availability);

-- Casework notes name people and their circumstances.
INSERT OR IGNORE INTO stead_personal_data (table_name, column_name, owner, category, retention_days)
  VALUES ('need', 'notes', 'core', 'casework notes that may identify a person', NULL);
