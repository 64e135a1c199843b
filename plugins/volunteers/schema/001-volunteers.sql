-- Volunteers (issue #15): the register and readiness, requests for help
-- and offers of support, donations, and tasks given by partners. Partner
-- organisations, agreements and target groups are other plugins' records:
-- kept here by id only, reached through their record providers.

CREATE TABLE volunteers_volunteer (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  geom POINT,                                  -- home, from the postcode (personal)
  name TEXT NOT NULL CHECK (length (trim (name)) > 0),
  phone TEXT,
  email TEXT,
  postcode TEXT,
  radius_km REAL NOT NULL DEFAULT 5 CHECK (radius_km >= 0),
  travel TEXT NOT NULL DEFAULT 'foot' CHECK (travel IN ('foot', 'bike', 'car', '4x4')),
  languages TEXT,                              -- besides English, comma-separated
  affiliation TEXT NOT NULL DEFAULT 'spontaneous'
    CHECK (affiliation IN ('partner', 'mutual-aid', 'spontaneous')),
  organisation INTEGER,                        -- record kind 'organisation', when 'partner'
  mutual_aid TEXT,                             -- the group's name, when 'mutual-aid'
  dbs_level TEXT NOT NULL DEFAULT 'none'
    CHECK (dbs_level IN ('none', 'basic', 'standard', 'enhanced', 'enhanced-barred')),
  dbs_scheme TEXT NOT NULL DEFAULT 'dbs'
    CHECK (dbs_scheme IN ('dbs', 'disclosure-scotland', 'accessni')),
  dbs_number TEXT,
  dbs_date DATE,
  id_checked DATE,                             -- identity documents seen
  badge_number TEXT,
  badge_issued DATE,
  badge_returned DATE,
  emergency_name TEXT,
  emergency_phone TEXT,
  status TEXT NOT NULL DEFAULT 'active'
    CHECK (status IN ('applicant', 'active', 'paused', 'left')),
  consent DATE,                                -- when they agreed to their record being kept
  review DATE,                                 -- reviewed, or removed after leaving, by then
  registered DATETIME NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%SZ', 'now')),
  source_id TEXT,
  extra TEXT
);
CREATE INDEX volunteers_volunteer_name ON volunteers_volunteer (name COLLATE NOCASE);
CREATE INDEX volunteers_volunteer_status ON volunteers_volunteer (status);
SELECT Stead_AddFeatureTable ('volunteers_volunteer', 'geom', 'POINT',
  'Volunteers', 'Registered volunteers (personal data)');

-- Skills and roles (taxonomy 'skill').
CREATE TABLE volunteers_skill (
  volunteer INTEGER NOT NULL REFERENCES volunteers_volunteer (fid) ON DELETE CASCADE,
  skill TEXT NOT NULL,
  PRIMARY KEY (volunteer, skill)
);
CREATE INDEX volunteers_skill_skill ON volunteers_skill (skill);

-- When they can help: a weekly pattern (1 Monday … 7 Sunday, "HH:MM")
-- and dated exceptions (away, or available outside the pattern).
CREATE TABLE volunteers_availability (
  id INTEGER PRIMARY KEY,
  volunteer INTEGER NOT NULL REFERENCES volunteers_volunteer (fid) ON DELETE CASCADE,
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  start TEXT NOT NULL,
  finish TEXT NOT NULL,
  CHECK (start < finish)
);
CREATE INDEX volunteers_availability_volunteer ON volunteers_availability (volunteer);
CREATE TABLE volunteers_exception (
  id INTEGER PRIMARY KEY,
  volunteer INTEGER NOT NULL REFERENCES volunteers_volunteer (fid) ON DELETE CASCADE,
  date_from DATE NOT NULL,
  date_to DATE NOT NULL,
  available INTEGER NOT NULL DEFAULT 0 CHECK (available IN (0, 1)),
  note TEXT,
  CHECK (date_from <= date_to)
);
CREATE INDEX volunteers_exception_volunteer ON volunteers_exception (volunteer);

-- Training: a course, the skill it qualifies for, and its expiry.
CREATE TABLE volunteers_training (
  id INTEGER PRIMARY KEY,
  volunteer INTEGER NOT NULL REFERENCES volunteers_volunteer (fid) ON DELETE CASCADE,
  course TEXT NOT NULL,
  skill TEXT,                                  -- taxonomy 'skill' it qualifies for
  completed DATE,
  expires DATE
);
CREATE INDEX volunteers_training_volunteer ON volunteers_training (volunteer);

-- Insurance: whose policy covers them, of which kind, for which activities.
CREATE TABLE volunteers_insurance (
  id INTEGER PRIMARY KEY,
  volunteer INTEGER NOT NULL REFERENCES volunteers_volunteer (fid) ON DELETE CASCADE,
  organisation INTEGER,                        -- record kind 'organisation': the policy holder
  kind TEXT NOT NULL CHECK (kind IN ('public-liability', 'employers-liability',
    'personal-accident', 'motor', 'professional-indemnity')),
  activities TEXT,                             -- skills covered, space-separated; NULL: all
  expires DATE
);
CREATE INDEX volunteers_insurance_volunteer ON volunteers_insurance (volunteer);

-- Personal protective equipment issued, and returned.
CREATE TABLE volunteers_ppe (
  id INTEGER PRIMARY KEY,
  volunteer INTEGER NOT NULL REFERENCES volunteers_volunteer (fid) ON DELETE CASCADE,
  item TEXT NOT NULL,
  size TEXT,
  issued DATE NOT NULL,
  returned DATE
);
CREATE INDEX volunteers_ppe_volunteer ON volunteers_ppe (volunteer);

-- Requests for help: published as `need` rows (owner 'volunteers',
-- owner_ref = fid).
CREATE TABLE volunteers_request (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  geom POINT,
  kind TEXT NOT NULL,                          -- taxonomy 'need-kind'
  title TEXT,                                  -- who and what (personal)
  people INTEGER NOT NULL DEFAULT 1 CHECK (people >= 0),
  urgency INTEGER NOT NULL DEFAULT 2 CHECK (urgency BETWEEN 1 AND 4),
  skills TEXT,                                 -- skills needed, space-separated
  dbs_level TEXT NOT NULL DEFAULT 'none'
    CHECK (dbs_level IN ('none', 'basic', 'standard', 'enhanced', 'enhanced-barred')),
  regulated INTEGER NOT NULL DEFAULT 0 CHECK (regulated IN (0, 1)),  -- regulated activity
  window_start DATETIME,
  window_end DATETIME,
  organisation INTEGER,                        -- raised by: record kind 'organisation'
  group_id INTEGER,                            -- or for: record kind 'target-group'
  status TEXT NOT NULL DEFAULT 'open'
    CHECK (status IN ('open', 'assigned', 'done', 'cancelled')),
  opened DATETIME NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%SZ', 'now')),
  closed DATETIME,
  CHECK (window_start IS NULL OR window_end IS NULL OR window_start <= window_end)
);
CREATE INDEX volunteers_request_status ON volunteers_request (status);
SELECT Stead_AddFeatureTable ('volunteers_request', 'geom', 'POINT',
  'Requests for help', 'Help asked of volunteers');

-- Offers of support (skills, transport, space, donated goods): published
-- as `resource` rows (owner 'volunteers', owner_ref = fid).
CREATE TABLE volunteers_offer (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  geom POINT,
  kind TEXT NOT NULL,                          -- taxonomy 'resource-kind'
  source TEXT NOT NULL DEFAULT 'public' CHECK (source IN ('volunteer', 'organisation', 'public')),
  volunteer INTEGER REFERENCES volunteers_volunteer (fid) ON DELETE SET NULL,
  organisation INTEGER,                        -- record kind 'organisation'
  offered_by TEXT,                             -- a member of the public's name (personal)
  description TEXT,
  item TEXT,                                   -- donated goods: what
  quantity INTEGER NOT NULL DEFAULT 1 CHECK (quantity >= 0),
  condition TEXT CHECK (condition IS NULL OR condition IN ('new', 'good', 'used', 'poor')),
  held_at TEXT,                                -- where the goods are
  until DATE,
  status TEXT NOT NULL DEFAULT 'available'
    CHECK (status IN ('available', 'committed', 'used', 'withdrawn'))
);
SELECT Stead_AddFeatureTable ('volunteers_offer', 'geom', 'POINT',
  'Offers of support', 'Skills, transport, space and donations offered');

-- Donated goods received and given out against requests.
CREATE TABLE volunteers_movement (
  id INTEGER PRIMARY KEY,
  offer INTEGER NOT NULL REFERENCES volunteers_offer (fid) ON DELETE CASCADE,
  request INTEGER REFERENCES volunteers_request (fid) ON DELETE SET NULL,
  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  time DATETIME NOT NULL,
  note TEXT
);
CREATE INDEX volunteers_movement_offer ON volunteers_movement (offer);

-- Tasks: a request given to volunteers by a tasking partner.
CREATE TABLE volunteers_task (
  id INTEGER PRIMARY KEY,
  request INTEGER NOT NULL REFERENCES volunteers_request (fid) ON DELETE CASCADE,
  organisation INTEGER NOT NULL,               -- the tasking partner (record kind 'organisation')
  status TEXT NOT NULL DEFAULT 'new'
    CHECK (status IN ('new', 'offered', 'accepted', 'in-progress', 'done', 'cancelled')),
  created DATETIME NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%SZ', 'now')),
  offered DATETIME,
  accepted DATETIME,
  started DATETIME,
  finished DATETIME,
  hours REAL CHECK (hours IS NULL OR hours >= 0),
  outcome TEXT
);
CREATE INDEX volunteers_task_request ON volunteers_task (request);
CREATE TABLE volunteers_task_volunteer (
  task INTEGER NOT NULL REFERENCES volunteers_task (id) ON DELETE CASCADE,
  volunteer INTEGER NOT NULL REFERENCES volunteers_volunteer (fid) ON DELETE CASCADE,
  PRIMARY KEY (task, volunteer)
);
CREATE INDEX volunteers_task_volunteer_volunteer ON volunteers_task_volunteer (volunteer);

-- Settings of this workspace.
CREATE TABLE volunteers_setting (
  key TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
INSERT INTO volunteers_setting (key, value) VALUES
  ('privacy-zoom', 15),         -- volunteers drawn at postcode sector below this zoom
  ('tasks-per-day', 2),         -- a volunteer's capacity for matching
  ('expiry-warning-days', 30);  -- checks and training due within this are flagged

INSERT OR REPLACE INTO stead_personal_data (table_name, column_name, owner, category, retention_days) VALUES
  ('volunteers_volunteer', 'geom', 'volunteers', 'home location', NULL),
  ('volunteers_volunteer', 'name', 'volunteers', 'volunteer name', NULL),
  ('volunteers_volunteer', 'phone', 'volunteers', 'contact details', NULL),
  ('volunteers_volunteer', 'email', 'volunteers', 'contact details', NULL),
  ('volunteers_volunteer', 'postcode', 'volunteers', 'home location', NULL),
  ('volunteers_volunteer', 'dbs_number', 'volunteers', 'criminal record check', NULL),
  ('volunteers_volunteer', 'dbs_date', 'volunteers', 'criminal record check', NULL),
  ('volunteers_volunteer', 'emergency_name', 'volunteers', 'emergency contact', NULL),
  ('volunteers_volunteer', 'emergency_phone', 'volunteers', 'emergency contact', NULL),
  ('volunteers_volunteer', 'extra', 'volunteers', 'imported attributes', NULL),
  ('volunteers_request', 'title', 'volunteers', 'who needs help', NULL),
  ('volunteers_offer', 'offered_by', 'volunteers', 'donor name', NULL);
