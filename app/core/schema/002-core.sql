-- Stead core tables, shared by every plugin (see ARCHITECTURE.md).
-- area, need and resource are GeoPackage feature tables (EPSG:4326) with
-- R-tree spatial indexes; the triggers follow GeoPackage 1.3 Annex F.3 and
-- call ST_* functions that Stead registers on every connection it opens.

CREATE TABLE stead_workspace (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  format_version INTEGER NOT NULL,
  area_name TEXT NOT NULL,
  created DATETIME NOT NULL
);

-- Shared vocabularies, seeded from data/taxonomy/*.json.
CREATE TABLE taxonomy (
  vocabulary TEXT NOT NULL,
  code TEXT NOT NULL,
  label TEXT NOT NULL,
  parent TEXT,
  description TEXT,
  sort INTEGER NOT NULL DEFAULT 0,
  source TEXT,
  PRIMARY KEY (vocabulary, code)
);

-- Append-only change log: one row per table and action of each transaction.
CREATE TABLE stead_audit (
  id INTEGER PRIMARY KEY,
  txn INTEGER NOT NULL,
  time DATETIME NOT NULL,
  owner TEXT NOT NULL,
  table_name TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
  rows INTEGER NOT NULL,
  summary TEXT NOT NULL
);
CREATE INDEX stead_audit_txn ON stead_audit (txn);
CREATE TRIGGER stead_audit_no_update BEFORE UPDATE ON stead_audit
BEGIN
  SELECT RAISE (ABORT, 'stead_audit is append-only');
END;
CREATE TRIGGER stead_audit_no_delete BEFORE DELETE ON stead_audit
BEGIN
  SELECT RAISE (ABORT, 'stead_audit is append-only');
END;

-- Full-text search over what plugins index (titles and text).
CREATE VIRTUAL TABLE stead_search USING fts5 (
  owner UNINDEXED, ref UNINDEXED, title, body,
  tokenize = 'unicode61 remove_diacritics 2'
);

-- Which columns hold personal data, for redaction in exports and retention.
CREATE TABLE stead_personal_data (
  table_name TEXT NOT NULL,
  column_name TEXT NOT NULL,
  owner TEXT NOT NULL,
  category TEXT NOT NULL,
  retention_days INTEGER,
  PRIMARY KEY (table_name, column_name)
);

-- Registered as attribute tables, so GIS tools show the workspace marker
-- and the audit log and list only registered tables (GDAL's LIST_ALL_TABLES=AUTO).
INSERT INTO gpkg_contents (table_name, data_type, identifier, description)
  VALUES ('stead_workspace', 'attributes', 'Stead workspace', 'The partnership area this workspace is for');
INSERT INTO gpkg_contents (table_name, data_type, identifier, description)
  VALUES ('stead_audit', 'attributes', 'Change log', 'Every change, append-only');

CREATE TABLE area (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  geom MULTIPOLYGON,
  kind TEXT NOT NULL,
  code TEXT,
  name TEXT NOT NULL,
  parent INTEGER REFERENCES area (fid) ON DELETE SET NULL,
  source TEXT
);
CREATE INDEX area_kind ON area (kind);

CREATE TABLE need (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  geom POINT,
  kind TEXT NOT NULL,
  title TEXT,
  people INTEGER NOT NULL DEFAULT 1 CHECK (people >= 0),
  urgency INTEGER NOT NULL DEFAULT 2 CHECK (urgency BETWEEN 1 AND 4),
  status TEXT NOT NULL DEFAULT 'open'
    CHECK (status IN ('open', 'assigned', 'met', 'closed', 'cancelled')),
  opened DATETIME NOT NULL,
  closed DATETIME,
  owner TEXT,
  owner_ref INTEGER
);
CREATE INDEX need_kind_status ON need (kind, status);
CREATE INDEX need_owner ON need (owner, owner_ref);

CREATE TABLE resource (
  fid INTEGER PRIMARY KEY AUTOINCREMENT,
  geom POINT,
  kind TEXT NOT NULL,
  title TEXT,
  capacity INTEGER NOT NULL DEFAULT 1 CHECK (capacity >= 0),
  availability TEXT NOT NULL DEFAULT 'available'
    CHECK (availability IN ('available', 'limited', 'committed', 'unavailable')),
  owner TEXT,
  owner_ref INTEGER
);
CREATE INDEX resource_kind ON resource (kind);
CREATE INDEX resource_owner ON resource (owner, owner_ref);

INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id)
  VALUES ('area', 'features', 'Areas', 'Partnership boundary, wards, LSOAs and hazard zones', 4326);
INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m)
  VALUES ('area', 'geom', 'MULTIPOLYGON', 4326, 0, 0);

CREATE VIRTUAL TABLE rtree_area_geom USING rtree(id, minx, maxx, miny, maxy);

CREATE TRIGGER rtree_area_geom_insert AFTER INSERT ON area
  WHEN (NEW.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom))
BEGIN
  INSERT OR REPLACE INTO rtree_area_geom VALUES (NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom));
END;

CREATE TRIGGER rtree_area_geom_update1 AFTER UPDATE OF geom ON area
  WHEN OLD.fid = NEW.fid AND (NEW.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom))
BEGIN
  INSERT OR REPLACE INTO rtree_area_geom VALUES (NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom));
END;

CREATE TRIGGER rtree_area_geom_update2 AFTER UPDATE OF geom ON area
  WHEN OLD.fid = NEW.fid AND (NEW.geom IS NULL OR ST_IsEmpty(NEW.geom))
BEGIN
  DELETE FROM rtree_area_geom WHERE id = OLD.fid;
END;

CREATE TRIGGER rtree_area_geom_update3 AFTER UPDATE ON area
  WHEN OLD.fid != NEW.fid AND (NEW.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom))
BEGIN
  DELETE FROM rtree_area_geom WHERE id = OLD.fid;
  INSERT OR REPLACE INTO rtree_area_geom VALUES (NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom));
END;

CREATE TRIGGER rtree_area_geom_update4 AFTER UPDATE ON area
  WHEN OLD.fid != NEW.fid AND (NEW.geom IS NULL OR ST_IsEmpty(NEW.geom))
BEGIN
  DELETE FROM rtree_area_geom WHERE id IN (OLD.fid, NEW.fid);
END;

CREATE TRIGGER rtree_area_geom_delete AFTER DELETE ON area
  WHEN OLD.geom NOT NULL
BEGIN
  DELETE FROM rtree_area_geom WHERE id = OLD.fid;
END;

INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope)
  VALUES ('area', 'geom', 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only');

INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id)
  VALUES ('need', 'features', 'Needs', 'Where people will need help', 4326);
INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m)
  VALUES ('need', 'geom', 'POINT', 4326, 0, 0);

CREATE VIRTUAL TABLE rtree_need_geom USING rtree(id, minx, maxx, miny, maxy);

CREATE TRIGGER rtree_need_geom_insert AFTER INSERT ON need
  WHEN (NEW.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom))
BEGIN
  INSERT OR REPLACE INTO rtree_need_geom VALUES (NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom));
END;

CREATE TRIGGER rtree_need_geom_update1 AFTER UPDATE OF geom ON need
  WHEN OLD.fid = NEW.fid AND (NEW.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom))
BEGIN
  INSERT OR REPLACE INTO rtree_need_geom VALUES (NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom));
END;

CREATE TRIGGER rtree_need_geom_update2 AFTER UPDATE OF geom ON need
  WHEN OLD.fid = NEW.fid AND (NEW.geom IS NULL OR ST_IsEmpty(NEW.geom))
BEGIN
  DELETE FROM rtree_need_geom WHERE id = OLD.fid;
END;

CREATE TRIGGER rtree_need_geom_update3 AFTER UPDATE ON need
  WHEN OLD.fid != NEW.fid AND (NEW.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom))
BEGIN
  DELETE FROM rtree_need_geom WHERE id = OLD.fid;
  INSERT OR REPLACE INTO rtree_need_geom VALUES (NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom));
END;

CREATE TRIGGER rtree_need_geom_update4 AFTER UPDATE ON need
  WHEN OLD.fid != NEW.fid AND (NEW.geom IS NULL OR ST_IsEmpty(NEW.geom))
BEGIN
  DELETE FROM rtree_need_geom WHERE id IN (OLD.fid, NEW.fid);
END;

CREATE TRIGGER rtree_need_geom_delete AFTER DELETE ON need
  WHEN OLD.geom NOT NULL
BEGIN
  DELETE FROM rtree_need_geom WHERE id = OLD.fid;
END;

INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope)
  VALUES ('need', 'geom', 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only');

INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id)
  VALUES ('resource', 'features', 'Resources', 'Where help is', 4326);
INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m)
  VALUES ('resource', 'geom', 'POINT', 4326, 0, 0);

CREATE VIRTUAL TABLE rtree_resource_geom USING rtree(id, minx, maxx, miny, maxy);

CREATE TRIGGER rtree_resource_geom_insert AFTER INSERT ON resource
  WHEN (NEW.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom))
BEGIN
  INSERT OR REPLACE INTO rtree_resource_geom VALUES (NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom));
END;

CREATE TRIGGER rtree_resource_geom_update1 AFTER UPDATE OF geom ON resource
  WHEN OLD.fid = NEW.fid AND (NEW.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom))
BEGIN
  INSERT OR REPLACE INTO rtree_resource_geom VALUES (NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom));
END;

CREATE TRIGGER rtree_resource_geom_update2 AFTER UPDATE OF geom ON resource
  WHEN OLD.fid = NEW.fid AND (NEW.geom IS NULL OR ST_IsEmpty(NEW.geom))
BEGIN
  DELETE FROM rtree_resource_geom WHERE id = OLD.fid;
END;

CREATE TRIGGER rtree_resource_geom_update3 AFTER UPDATE ON resource
  WHEN OLD.fid != NEW.fid AND (NEW.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom))
BEGIN
  DELETE FROM rtree_resource_geom WHERE id = OLD.fid;
  INSERT OR REPLACE INTO rtree_resource_geom VALUES (NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom));
END;

CREATE TRIGGER rtree_resource_geom_update4 AFTER UPDATE ON resource
  WHEN OLD.fid != NEW.fid AND (NEW.geom IS NULL OR ST_IsEmpty(NEW.geom))
BEGIN
  DELETE FROM rtree_resource_geom WHERE id IN (OLD.fid, NEW.fid);
END;

CREATE TRIGGER rtree_resource_geom_delete AFTER DELETE ON resource
  WHEN OLD.geom NOT NULL
BEGIN
  DELETE FROM rtree_resource_geom WHERE id = OLD.fid;
END;

INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope)
  VALUES ('resource', 'geom', 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only');
