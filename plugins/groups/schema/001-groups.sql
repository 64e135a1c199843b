-- Target groups (issue #14): the people and organisations that suffer most
-- in a disruption, where they are, what they need, who reaches them.
-- Partner organisations, agreements and risks are other plugins' records:
-- kept here by id only, reached through their record providers.

CREATE TABLE groups_group (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length (trim (name)) > 0),
  category TEXT,                               -- taxonomy 'target-group'
  description TEXT,
  -- Causes of vulnerability (the 2025 guidance): each a yes/no.
  capacity INTEGER NOT NULL DEFAULT 0 CHECK (capacity IN (0, 1)),       -- cannot help themselves
  agency INTEGER NOT NULL DEFAULT 0 CHECK (agency IN (0, 1)),           -- not permitted to act
  awareness INTEGER NOT NULL DEFAULT 0 CHECK (awareness IN (0, 1)),     -- unaware of the risk
  preparedness INTEGER NOT NULL DEFAULT 0 CHECK (preparedness IN (0, 1)), -- unprepared
  resilience TEXT,                             -- baseline resilience notes
  size INTEGER CHECK (size IS NULL OR size >= 0),  -- estimated size in the partnership area
  extra TEXT
);
CREATE INDEX groups_group_name ON groups_group (name COLLATE NOCASE);

-- What a group needs in a disruption: need kinds (taxonomy 'need-kind').
CREATE TABLE groups_need (
  group_id INTEGER NOT NULL REFERENCES groups_group (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  PRIMARY KEY (group_id, kind)
);

-- How many of a group are in an area (ward, LSOA, parish), from which source.
CREATE TABLE groups_count (
  id INTEGER PRIMARY KEY,
  group_id INTEGER NOT NULL REFERENCES groups_group (id) ON DELETE CASCADE,
  area INTEGER NOT NULL REFERENCES area (fid) ON DELETE CASCADE,
  count INTEGER NOT NULL CHECK (count >= 0),
  source TEXT,                                 -- "ONS Census 2021 TS003"
  date DATE,
  UNIQUE (group_id, area)
);
CREATE INDEX groups_count_area ON groups_count (area);

-- Where a group is found: care homes, hostels, schools, dialysis units.
CREATE TABLE groups_place (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  geom POINT,
  group_id INTEGER NOT NULL REFERENCES groups_group (id) ON DELETE CASCADE,
  name TEXT NOT NULL CHECK (length (trim (name)) > 0),
  what TEXT,                                   -- care home, hostel, school…
  people INTEGER CHECK (people IS NULL OR people >= 0),
  postcode TEXT,
  source TEXT
);
CREATE INDEX groups_place_group ON groups_place (group_id);
SELECT Stead_AddFeatureTable ('groups_place', 'geom', 'POINT',
  'Target group places', 'Care homes, hostels, schools and units where target groups are');

-- Who reaches a group: a partner organisation (its id), by which channel,
-- how well; the areas it covers for the group (none listed: all of them).
CREATE TABLE groups_reach (
  id INTEGER PRIMARY KEY,
  group_id INTEGER NOT NULL REFERENCES groups_group (id) ON DELETE CASCADE,
  organisation INTEGER NOT NULL,               -- record kind 'organisation'
  channel TEXT NOT NULL DEFAULT 'visits',
  strength INTEGER NOT NULL DEFAULT 2 CHECK (strength BETWEEN 1 AND 3),
  notes TEXT,
  UNIQUE (group_id, organisation, channel)
);
CREATE INDEX groups_reach_organisation ON groups_reach (organisation);
CREATE TABLE groups_reach_area (
  reach INTEGER NOT NULL REFERENCES groups_reach (id) ON DELETE CASCADE,
  area INTEGER NOT NULL REFERENCES area (fid) ON DELETE CASCADE,
  PRIMARY KEY (reach, area)
);
CREATE INDEX groups_reach_area_area ON groups_reach_area (area);

-- Risks a group is exposed to, as the partnership judged it (exposure
-- derived from hazard areas is computed, not stored).
CREATE TABLE groups_exposure (
  group_id INTEGER NOT NULL REFERENCES groups_group (id) ON DELETE CASCADE,
  risk INTEGER NOT NULL,                       -- record kind 'risk'
  note TEXT,
  PRIMARY KEY (group_id, risk)
);
CREATE INDEX groups_exposure_risk ON groups_exposure (risk);

-- Dated contacts with a group and what changed in its needs.
CREATE TABLE groups_engagement (
  id INTEGER PRIMARY KEY,
  group_id INTEGER NOT NULL REFERENCES groups_group (id) ON DELETE CASCADE,
  date DATE NOT NULL,
  organisation INTEGER,                        -- who engaged, record kind 'organisation'
  channel TEXT,
  summary TEXT NOT NULL CHECK (length (trim (summary)) > 0),
  needs_change TEXT                            -- what changed in the group's needs
);
CREATE INDEX groups_engagement_group ON groups_engagement (group_id, date);

-- Person-level lists from a data-sharing partner (a PSR extract), each
-- under a data-sharing agreement, a lawful basis and a retention date:
-- purged, rows and the needs they published, when that date comes.
CREATE TABLE groups_household_list (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length (trim (name)) > 0),
  group_id INTEGER REFERENCES groups_group (id) ON DELETE SET NULL,
  agreement INTEGER,                           -- record kind 'agreement'
  lawful_basis TEXT NOT NULL,
  received DATE NOT NULL,
  retention DATE NOT NULL,                     -- purged at the start of this day
  points_allowed INTEGER NOT NULL DEFAULT 0 CHECK (points_allowed IN (0, 1)),
  source TEXT,
  imported DATETIME,
  purged DATETIME                              -- when its households were purged
);
CREATE TABLE groups_household (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  geom POINT,
  list INTEGER NOT NULL REFERENCES groups_household_list (id) ON DELETE CASCADE,
  reference TEXT NOT NULL,                     -- the supplier's reference
  postcode TEXT,
  uprn TEXT,
  needs TEXT,                                  -- PSR needs codes, space-separated ("14 22")
  name TEXT,
  phone TEXT,
  address TEXT,
  area INTEGER REFERENCES area (fid) ON DELETE SET NULL,  -- the ward it is in
  UNIQUE (list, reference)
);
CREATE INDEX groups_household_list_idx ON groups_household (list);
CREATE INDEX groups_household_area ON groups_household (area);
SELECT Stead_AddFeatureTable ('groups_household', 'geom', 'POINT',
  'Households', 'Households of data-sharing lists (personal data)');

-- Attributes of areas for shading and prioritising (IMD 2019 deciles).
CREATE TABLE groups_area_attribute (
  area INTEGER NOT NULL REFERENCES area (fid) ON DELETE CASCADE,
  attribute TEXT NOT NULL,                     -- imd-decile, imd-rank, imd-score…
  value REAL NOT NULL,
  source TEXT,
  PRIMARY KEY (area, attribute)
);

-- Settings of this workspace: small-number suppression and the zoom past
-- which households may be drawn as points.
CREATE TABLE groups_setting (
  key TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
INSERT INTO groups_setting (key, value) VALUES ('suppress-below', 5), ('privacy-zoom', 15);

INSERT OR REPLACE INTO stead_personal_data (table_name, column_name, owner, category, retention_days) VALUES
  ('groups_household', 'geom', 'groups', 'household location', NULL),
  ('groups_household', 'reference', 'groups', 'household reference', NULL),
  ('groups_household', 'postcode', 'groups', 'household location', NULL),
  ('groups_household', 'uprn', 'groups', 'household location', NULL),
  ('groups_household', 'needs', 'groups', 'health and care needs (special category)', NULL),
  ('groups_household', 'name', 'groups', 'contact name', NULL),
  ('groups_household', 'phone', 'groups', 'contact details', NULL),
  ('groups_household', 'address', 'groups', 'household location', NULL);
