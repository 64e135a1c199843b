-- Risks: the community risk register (issue #6).

-- Scales are data per workspace (seeded by 002 from data/risks/schemes.json);
-- one scheme is active, and a forum can switch to the older local scheme.
CREATE TABLE risks_scheme (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE risks_scale (
  scheme TEXT NOT NULL REFERENCES risks_scheme (code) ON DELETE CASCADE,
  axis TEXT NOT NULL CHECK (axis IN ('likelihood', 'impact')),
  score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
  label TEXT NOT NULL,
  threshold TEXT,
  PRIMARY KEY (scheme, axis, score)
);
CREATE TABLE risks_dimension (
  scheme TEXT NOT NULL REFERENCES risks_scheme (code) ON DELETE CASCADE,
  code TEXT NOT NULL,
  label TEXT NOT NULL,
  sort INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (scheme, code)
);
CREATE TABLE risks_theme (
  scheme TEXT NOT NULL REFERENCES risks_scheme (code) ON DELETE CASCADE,
  label TEXT NOT NULL,
  sort INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (scheme, label)
);
-- Bands and how often each is reviewed; the matrix maps a score to a band.
CREATE TABLE risks_band (
  code TEXT PRIMARY KEY,
  label TEXT NOT NULL,
  colour TEXT NOT NULL,
  review_months INTEGER NOT NULL CHECK (review_months > 0),
  sort INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE risks_band_matrix (
  impact INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
  likelihood INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
  band TEXT NOT NULL REFERENCES risks_band (code),
  PRIMARY KEY (impact, likelihood)
);

CREATE TABLE risks_risk (
  id INTEGER PRIMARY KEY,
  reference TEXT NOT NULL UNIQUE,              -- NRR id, or H/HL/L code
  title TEXT NOT NULL CHECK (length (trim (title)) > 0),
  theme TEXT,
  hazard TEXT,                                 -- hazard description
  rwcs TEXT,                                   -- reasonable worst-case scenario
  malicious INTEGER NOT NULL DEFAULT 0 CHECK (malicious IN (0, 1)),
  likelihood INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
  likelihood_min INTEGER CHECK (likelihood_min BETWEEN 1 AND 5),
  likelihood_max INTEGER CHECK (likelihood_max BETWEEN 1 AND 5),
  impact INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
  impact_min INTEGER CHECK (impact_min BETWEEN 1 AND 5),
  impact_max INTEGER CHECK (impact_max BETWEEN 1 AND 5),
  lead_assessor INTEGER,                        -- partners_organisation.id
  owner INTEGER,                                -- partners_organisation.id
  controls TEXT,
  treatment TEXT,
  assessed DATE,
  review DATE,
  trend TEXT CHECK (trend IS NULL OR trend IN ('increasing', 'stable', 'decreasing')),
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('draft', 'active', 'archived')),
  CHECK (likelihood_min IS NULL OR likelihood_min <= likelihood),
  CHECK (likelihood_max IS NULL OR likelihood_max >= likelihood),
  CHECK (impact_min IS NULL OR impact_min <= impact),
  CHECK (impact_max IS NULL OR impact_max >= impact)
);

-- Impact per dimension of the active scheme.
CREATE TABLE risks_impact (
  risk INTEGER NOT NULL REFERENCES risks_risk (id) ON DELETE CASCADE,
  dimension TEXT NOT NULL,
  score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
  PRIMARY KEY (risk, dimension)
);

-- Every review keeps the scores it replaced, so the matrix shows movement.
CREATE TABLE risks_review (
  id INTEGER PRIMARY KEY,
  risk INTEGER NOT NULL REFERENCES risks_risk (id) ON DELETE CASCADE,
  date DATE NOT NULL,
  likelihood INTEGER NOT NULL,
  impact INTEGER NOT NULL,
  likelihood_min INTEGER, likelihood_max INTEGER,
  impact_min INTEGER, impact_max INTEGER,
  note TEXT
);
CREATE INDEX risks_review_risk ON risks_review (risk);

-- Hazard areas are `area` rows of kind 'hazard' (so the map and the
-- "what is in this area" summary show them), linked to their risk here.
CREATE TABLE risks_hazard (
  area INTEGER PRIMARY KEY REFERENCES area (fid) ON DELETE CASCADE,
  risk INTEGER NOT NULL REFERENCES risks_risk (id) ON DELETE CASCADE
);
CREATE INDEX risks_hazard_risk ON risks_hazard (risk);

-- Plans, documents and target groups a risk is linked to.
CREATE TABLE risks_link (
  id INTEGER PRIMARY KEY,
  risk INTEGER NOT NULL REFERENCES risks_risk (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('plan', 'document', 'target-group')),
  title TEXT NOT NULL,
  ref TEXT                                      -- a link, or a target group's code
);
CREATE INDEX risks_link_risk ON risks_link (risk);
