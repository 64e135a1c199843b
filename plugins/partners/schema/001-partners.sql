-- Partners: who the partnership can call on, and on what terms (issue #5).

CREATE TABLE partners_organisation (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  type TEXT NOT NULL DEFAULT 'other',          -- taxonomy 'partner-type'
  tier TEXT NOT NULL DEFAULT 'contributing'
    CHECK (tier IN ('instrumental', 'contributing', 'occasional')),
  description TEXT,
  website TEXT,
  charity_number TEXT,
  company_number TEXT,
  areas_served TEXT,
  notes TEXT,
  source_id TEXT,                              -- its id in the file it came from (ORUK uuid)
  created DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX partners_organisation_name ON partners_organisation (name COLLATE NOCASE);
CREATE UNIQUE INDEX partners_organisation_source ON partners_organisation (source_id) WHERE source_id IS NOT NULL;

CREATE TABLE partners_contact (
  id INTEGER PRIMARY KEY,
  organisation INTEGER NOT NULL REFERENCES partners_organisation (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  role TEXT,
  phone TEXT,
  phone_24h TEXT,                               -- the 24/7 number, for call-outs
  email TEXT,
  source_id TEXT
);
CREATE INDEX partners_contact_organisation ON partners_contact (organisation);

-- Where an organisation is: rest centres, depots, community hubs.
CREATE TABLE partners_site (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  geom POINT,
  organisation INTEGER NOT NULL REFERENCES partners_organisation (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  address TEXT,
  postcode TEXT,
  what TEXT,                                    -- rest centre, depot, community hub…
  capacity INTEGER CHECK (capacity IS NULL OR capacity >= 0),
  source_id TEXT
);
CREATE INDEX partners_site_organisation ON partners_site (organisation);

SELECT Stead_AddFeatureTable ('partners_site', 'geom', 'POINT',
  'Partner sites', 'Rest centres, depots and hubs of partner organisations');

-- What an organisation can provide; kinds from taxonomy 'resource-kind'.
CREATE TABLE partners_capability (
  id INTEGER PRIMARY KEY,
  organisation INTEGER NOT NULL REFERENCES partners_organisation (id) ON DELETE CASCADE,
  site INTEGER REFERENCES partners_site (fid) ON DELETE SET NULL,
  kind TEXT NOT NULL,
  quantity INTEGER NOT NULL DEFAULT 1 CHECK (quantity >= 0),
  conditions TEXT,
  lead_time_hours INTEGER CHECK (lead_time_hours IS NULL OR lead_time_hours >= 0)
);
CREATE INDEX partners_capability_organisation ON partners_capability (organisation);

CREATE TABLE partners_agreement (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  kind TEXT NOT NULL
    CHECK (kind IN ('mou', 'data-sharing', 'mutual-aid', 'contract', 'other')),
  scope TEXT,
  data_fields TEXT,                             -- for data-sharing: what is shared
  signed DATE,
  review DATE,
  expiry DATE,
  status TEXT NOT NULL DEFAULT 'active'
    CHECK (status IN ('draft', 'active', 'lapsed', 'ended')),
  document TEXT                                 -- a link or path
);

CREATE TABLE partners_agreement_party (
  agreement INTEGER NOT NULL REFERENCES partners_agreement (id) ON DELETE CASCADE,
  organisation INTEGER NOT NULL REFERENCES partners_organisation (id) ON DELETE CASCADE,
  PRIMARY KEY (agreement, organisation)
);
CREATE INDEX partners_agreement_party_organisation ON partners_agreement_party (organisation);

-- Dated notes of contact and engagement.
CREATE TABLE partners_log (
  id INTEGER PRIMARY KEY,
  organisation INTEGER NOT NULL REFERENCES partners_organisation (id) ON DELETE CASCADE,
  date DATE NOT NULL,
  note TEXT NOT NULL
);
CREATE INDEX partners_log_organisation ON partners_log (organisation);

-- Contact details are personal data: left out of exports unless asked for.
INSERT OR REPLACE INTO stead_personal_data (table_name, column_name, owner, category, retention_days) VALUES
  ('partners_contact', 'name', 'partners', 'contact name', NULL),
  ('partners_contact', 'phone', 'partners', 'contact details', NULL),
  ('partners_contact', 'phone_24h', 'partners', 'contact details', NULL),
  ('partners_contact', 'email', 'partners', 'contact details', NULL);
