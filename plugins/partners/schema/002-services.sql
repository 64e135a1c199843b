-- Open Referral services and everything a file says (issue #11).
--
-- A service of an organisation that is not one of Stead's own capabilities
-- (those have a resource kind) is kept as a service, with the location it
-- is delivered at; what an organisation, contact, site or service says that
-- has no column is kept as JSON in `extra`, and the ORUK export writes it
-- back.

CREATE TABLE partners_service (
  id INTEGER PRIMARY KEY,
  organisation INTEGER NOT NULL REFERENCES partners_organisation (id) ON DELETE CASCADE,
  site INTEGER REFERENCES partners_site (fid) ON DELETE SET NULL,
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  description TEXT,
  status TEXT,                                  -- HSDS: active, inactive, defunct, temporarily closed
  url TEXT,
  email TEXT,
  source_id TEXT,                               -- its id in the file it came from
  extra TEXT CHECK (extra IS NULL OR json_valid (extra))  -- JSON: its other members
);
CREATE INDEX partners_service_organisation ON partners_service (organisation);

INSERT INTO gpkg_contents (table_name, data_type, identifier, description)
  VALUES ('partners_service', 'attributes', 'Partner services',
          'Services of partner organisations, as Open Referral describes them');

ALTER TABLE partners_organisation ADD COLUMN extra TEXT
  CHECK (extra IS NULL OR json_valid (extra));
ALTER TABLE partners_contact ADD COLUMN extra TEXT
  CHECK (extra IS NULL OR json_valid (extra));
ALTER TABLE partners_site ADD COLUMN extra TEXT
  CHECK (extra IS NULL OR json_valid (extra));

-- Nobody chose what an imported file's other columns hold: personal data
-- until someone says otherwise (left out of exports unless asked).
INSERT OR IGNORE INTO stead_personal_data (table_name, column_name, owner, category, retention_days)
  VALUES ('partners_organisation', 'extra', 'partners',
          'columns of an imported file that may identify a person', NULL);

-- A contact's other members (department, more phones) are about a person.
INSERT OR REPLACE INTO stead_personal_data (table_name, column_name, owner, category, retention_days)
  VALUES ('partners_contact', 'extra', 'partners', 'contact details', NULL);
