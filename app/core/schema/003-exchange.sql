-- Data exchange (issue #4): the offline postcode directory, attribution
-- of open data, column maps remembered per source, CAP warnings, and
-- which area each need and resource lies in.

-- Live postcodes only, in upper case without spaces ("SW1A1AA"), WGS84.
CREATE TABLE stead_postcode (
  postcode TEXT PRIMARY KEY,
  lon REAL NOT NULL,
  lat REAL NOT NULL
) WITHOUT ROWID;

-- Licence statements of imported open data (OGL asks for them to be shown).
CREATE TABLE stead_attribution (
  source TEXT PRIMARY KEY,
  text TEXT NOT NULL,
  imported DATETIME NOT NULL
);

-- The column map last used for a source: an importer and a header layout.
CREATE TABLE stead_import_mapping (
  importer TEXT NOT NULL,
  source TEXT NOT NULL,
  spec TEXT NOT NULL,
  PRIMARY KEY (importer, source)
);

-- CAP 1.2 alerts; each info/area becomes an `area` row of kind 'hazard'.
CREATE TABLE alert (
  id INTEGER PRIMARY KEY,
  area INTEGER NOT NULL REFERENCES area (fid) ON DELETE CASCADE,
  identifier TEXT NOT NULL,
  sender TEXT NOT NULL,
  sent DATETIME NOT NULL,
  status TEXT NOT NULL,
  msg_type TEXT NOT NULL,
  event TEXT NOT NULL,
  severity TEXT NOT NULL
    CHECK (severity IN ('Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown')),
  urgency TEXT NOT NULL
    CHECK (urgency IN ('Immediate', 'Expected', 'Future', 'Past', 'Unknown')),
  certainty TEXT NOT NULL
    CHECK (certainty IN ('Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown')),
  onset DATETIME,
  expires DATETIME,
  headline TEXT,
  description TEXT,
  instruction TEXT,
  area_desc TEXT NOT NULL
);
CREATE INDEX alert_area ON alert (area);
CREATE UNIQUE INDEX alert_identity ON alert (sender, identifier, area_desc);

INSERT INTO gpkg_contents (table_name, data_type, identifier, description)
  VALUES ('alert', 'attributes', 'Warnings', 'CAP alerts; their areas are hazard areas');

-- Point-in-area assignment, always current: every need and resource with
-- each area (ward, LSOA, boundary, hazard zone) whose polygon holds it.
CREATE VIEW need_area AS
  SELECT n.fid AS need, a.fid AS area, a.kind AS kind, a.code AS code, a.name AS name
  FROM need n
  JOIN rtree_area_geom r
    ON r.minx <= ST_MinX (n.geom) AND r.maxx >= ST_MaxX (n.geom)
   AND r.miny <= ST_MinY (n.geom) AND r.maxy >= ST_MaxY (n.geom)
  JOIN area a ON a.fid = r.id
  WHERE Stead_Contains (a.geom, n.geom);

CREATE VIEW resource_area AS
  SELECT s.fid AS resource, a.fid AS area, a.kind AS kind, a.code AS code, a.name AS name
  FROM resource s
  JOIN rtree_area_geom r
    ON r.minx <= ST_MinX (s.geom) AND r.maxx >= ST_MaxX (s.geom)
   AND r.miny <= ST_MinY (s.geom) AND r.maxy >= ST_MaxY (s.geom)
  JOIN area a ON a.fid = r.id
  WHERE Stead_Contains (a.geom, s.geom);

-- The identifier a record has in the file it was imported from, so that
-- importing a newer file updates it instead of adding it again.
ALTER TABLE need ADD COLUMN source_id TEXT;
ALTER TABLE resource ADD COLUMN source_id TEXT;
CREATE INDEX need_source_id ON need (source_id) WHERE source_id IS NOT NULL;
CREATE INDEX resource_source_id ON resource (source_id) WHERE source_id IS NOT NULL;

-- A need's title often names the person ("Mrs A, oxygen at home").
INSERT OR IGNORE INTO stead_personal_data (table_name, column_name, owner, category, retention_days)
  VALUES ('need', 'title', 'core', 'free text that may identify a person', NULL);
