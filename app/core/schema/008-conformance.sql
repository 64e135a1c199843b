-- GeoPackage conformance (issue #11): DATETIME values in the form
-- GeoPackage 1.3 requires, and point-in-area views in standard SQL, so
-- that GDAL and QGIS run them, not only Stead.

-- GeoPackage 1.3 (Requirement 5, Table 1): DATETIME is ISO 8601
-- YYYY-MM-DDTHH:MM:SS.SSSZ in UTC. Stead wrote "…:SSZ" (no milliseconds)
-- and "…:SS.SSSSSSZ" (microseconds); from now on every writer gives the
-- form, and rows written before are rewritten to it: the same instant,
-- to the millisecond. A value SQLite cannot read as a time is kept as it is.
UPDATE stead_workspace SET created = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', created), created)
  WHERE created NOT GLOB
    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z';
UPDATE stead_schema SET applied = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', applied), applied)
  WHERE applied NOT GLOB
    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z';
UPDATE need SET opened = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', opened), opened)
  WHERE opened NOT GLOB
    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z';
UPDATE need SET closed = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', closed), closed)
  WHERE closed NOT GLOB
    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z';
UPDATE stead_attribution
  SET imported = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', imported), imported)
  WHERE imported NOT GLOB
    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z';
UPDATE alert SET sent = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', sent), sent)
  WHERE sent NOT GLOB
    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z';
UPDATE alert SET onset = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', onset), onset)
  WHERE onset NOT GLOB
    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z';
UPDATE alert SET expires = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', expires), expires)
  WHERE expires NOT GLOB
    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z';

-- The audit log is append-only; its times are rewritten once, here, with
-- the trigger that guards it lifted for this statement and put back as
-- it was (002-core.sql).
DROP TRIGGER stead_audit_no_update;
UPDATE stead_audit SET time = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', time), time)
  WHERE time NOT GLOB
    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z';
CREATE TRIGGER stead_audit_no_update BEFORE UPDATE ON stead_audit
BEGIN
  SELECT RAISE (ABORT, 'stead_audit is append-only');
END;

-- Point in area in standard SQL. The views of 003-exchange.sql called
-- Stead_Contains, which only Stead's own connections have ("no such
-- function" in ogrinfo -sql); these need only the R-tree module and the
-- ST_MinX/ST_MaxX/ST_MinY/ST_MaxY every GeoPackage tool registers. Every edge of every area's rings is kept in
-- an R-tree, by area (min_area = max_area = the area's fid) and extent;
-- +area, +x1, +y1, +x2, +y2 are the edge as the geometry has it (doubles:
-- the R-tree's own bounds are rounded outwards to 32-bit floats). A point
-- lies in an area when a ray from it towards +x crosses an odd number of
-- the area's edges: the even-odd rule, with the same arithmetic as
-- stead_geometry_contains_point(), so GIS tools get exactly Stead's rows.
-- The edges are derived data, not recorded for undo: the core rebuilds an
-- area's edges in the transaction that writes the area (and on undo and
-- redo). Another tool that changes or deletes an area drops its edges
-- (the triggers below), so the views leave it out rather than use an
-- outline that is no longer there, until Stead next writes that area.
CREATE VIRTUAL TABLE stead_area_edge USING rtree (
  id, min_area, max_area, minx, maxx, miny, maxy,
  +area INTEGER, +x1 REAL, +y1 REAL, +x2 REAL, +y2 REAL
);

CREATE TRIGGER stead_area_edge_area_update AFTER UPDATE OF fid, geom ON area
BEGIN
  DELETE FROM stead_area_edge
    WHERE min_area <= OLD.fid AND max_area >= OLD.fid AND area = OLD.fid;
END;
CREATE TRIGGER stead_area_edge_area_delete AFTER DELETE ON area
BEGIN
  DELETE FROM stead_area_edge
    WHERE min_area <= OLD.fid AND max_area >= OLD.fid AND area = OLD.fid;
END;

DROP VIEW need_area;
DROP VIEW resource_area;

-- Every need and resource with each area (ward, LSOA, boundary, hazard
-- zone) whose polygon holds it: the area's R-tree for candidates, then the
-- crossings of its edges to the right of the point.
CREATE VIEW need_area AS
  SELECT n.fid AS need, a.fid AS area, a.kind AS kind, a.code AS code, a.name AS name
  FROM need n
  JOIN rtree_area_geom r
    ON r.minx <= ST_MinX (n.geom) AND r.maxx >= ST_MaxX (n.geom)
   AND r.miny <= ST_MinY (n.geom) AND r.maxy >= ST_MaxY (n.geom)
  JOIN area a ON a.fid = r.id
  WHERE (SELECT count (*) FROM stead_area_edge e
          WHERE e.min_area <= a.fid AND e.max_area >= a.fid AND e.area = a.fid
            AND e.miny <= ST_MinY (n.geom) AND e.maxy >= ST_MinY (n.geom)
            AND e.maxx >= ST_MinX (n.geom)
            AND (e.y1 > ST_MinY (n.geom)) <> (e.y2 > ST_MinY (n.geom))
            AND ST_MinX (n.geom) < (e.x2 - e.x1) * (ST_MinY (n.geom) - e.y1) / (e.y2 - e.y1) + e.x1
        ) % 2 = 1;

CREATE VIEW resource_area AS
  SELECT s.fid AS resource, a.fid AS area, a.kind AS kind, a.code AS code, a.name AS name
  FROM resource s
  JOIN rtree_area_geom r
    ON r.minx <= ST_MinX (s.geom) AND r.maxx >= ST_MaxX (s.geom)
   AND r.miny <= ST_MinY (s.geom) AND r.maxy >= ST_MaxY (s.geom)
  JOIN area a ON a.fid = r.id
  WHERE (SELECT count (*) FROM stead_area_edge e
          WHERE e.min_area <= a.fid AND e.max_area >= a.fid AND e.area = a.fid
            AND e.miny <= ST_MinY (s.geom) AND e.maxy >= ST_MinY (s.geom)
            AND e.maxx >= ST_MinX (s.geom)
            AND (e.y1 > ST_MinY (s.geom)) <> (e.y2 > ST_MinY (s.geom))
            AND ST_MinX (s.geom) < (e.x2 - e.x1) * (ST_MinY (s.geom) - e.y1) / (e.y2 - e.y1) + e.x1
        ) % 2 = 1;
