-- Evaluation (issue #16): self-assessment of the local resilience
-- capability against frameworks that are data (data/frameworks/*.json).
-- A framework is kept whole, as the JSON it was validated as; an
-- assessment scores its statements by their ids. Partner organisations
-- are the partners plugin's records, kept here by id only.

CREATE TABLE evaluation_framework (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL,                           -- the file's "id"
  version TEXT NOT NULL,
  title TEXT NOT NULL,
  definition TEXT NOT NULL,                    -- the JSON, validated on the way in
  UNIQUE (key, version)
);

CREATE TABLE evaluation_assessment (
  id INTEGER PRIMARY KEY,
  framework INTEGER NOT NULL REFERENCES evaluation_framework (id),
  date DATE NOT NULL,
  title TEXT NOT NULL CHECK (length (trim (title)) > 0),
  notes TEXT,
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final'))
);
CREATE INDEX evaluation_assessment_framework ON evaluation_assessment (framework, date);

-- A statement's score (a value of the framework's scale; NULL: not scored
-- yet), how sure the partnership is, and the evidence in words.
CREATE TABLE evaluation_score (
  assessment INTEGER NOT NULL REFERENCES evaluation_assessment (id) ON DELETE CASCADE,
  statement TEXT NOT NULL,
  score INTEGER,
  confidence TEXT CHECK (confidence IS NULL OR confidence IN ('low', 'medium', 'high')),
  evidence TEXT,
  PRIMARY KEY (assessment, statement)
);

-- Evidence that is somewhere else: a link (URL) or a document (a path).
CREATE TABLE evaluation_evidence (
  id INTEGER PRIMARY KEY,
  assessment INTEGER NOT NULL REFERENCES evaluation_assessment (id) ON DELETE CASCADE,
  statement TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('link', 'document')),
  location TEXT NOT NULL CHECK (length (trim (location)) > 0),
  title TEXT
);
CREATE INDEX evaluation_evidence_assessment ON evaluation_evidence (assessment, statement);

-- Who took part: partner organisations (record kind 'organisation').
CREATE TABLE evaluation_participant (
  assessment INTEGER NOT NULL REFERENCES evaluation_assessment (id) ON DELETE CASCADE,
  organisation INTEGER NOT NULL,
  PRIMARY KEY (assessment, organisation)
);
CREATE INDEX evaluation_participant_organisation ON evaluation_participant (organisation);

-- Actions agreed: on a statement or a whole dimension, owned by a partner
-- organisation or a named person.
CREATE TABLE evaluation_action (
  id INTEGER PRIMARY KEY,
  assessment INTEGER NOT NULL REFERENCES evaluation_assessment (id) ON DELETE CASCADE,
  statement TEXT,
  dimension TEXT,
  text TEXT NOT NULL CHECK (length (trim (text)) > 0),
  owner_organisation INTEGER,                  -- record kind 'organisation'
  owner_name TEXT,
  due DATE,
  status TEXT NOT NULL DEFAULT 'open'
    CHECK (status IN ('open', 'in-progress', 'done', 'dropped')),
  done DATE
);
CREATE INDEX evaluation_action_assessment ON evaluation_action (assessment);
CREATE INDEX evaluation_action_owner ON evaluation_action (owner_organisation);

INSERT OR IGNORE INTO stead_personal_data (table_name, column_name, owner, category, retention_days)
  VALUES ('evaluation_action', 'owner_name', 'evaluation', 'the name of the person who owns an action',
          NULL),
         ('evaluation_assessment', 'notes', 'evaluation', 'free text that may identify a person',
          NULL);
