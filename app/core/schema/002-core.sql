-- Stead core tables, shared by every plugin (see ARCHITECTURE.md).
-- area, need and resource are GeoPackage feature tables (EPSG:4326) with
-- R-tree spatial indexes, each made one in a line by Stead_AddFeatureTable
-- (app/core/stead-feature-table.c, only callable from schema files). Its
-- triggers follow GeoPackage 1.3 Annex F.3, as this file wrote them out by
-- hand when it first shipped, and call ST_* functions that Stead registers
-- on every connection it opens.

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

-- Feature tables: gpkg_contents and gpkg_geometry_columns rows, the R-tree
-- rtree_<table>_geom, its six triggers and its gpkg_extensions row.
SELECT Stead_AddFeatureTable ('area', 'geom', 'MULTIPOLYGON',
  'Areas', 'Partnership boundary, wards, LSOAs and hazard zones');
SELECT Stead_AddFeatureTable ('need', 'geom', 'POINT',
  'Needs', 'Where people will need help');
SELECT Stead_AddFeatureTable ('resource', 'geom', 'POINT',
  'Resources', 'Where help is');
