-- A trigger, as a hostile file could hold, that would add a feature table
-- behind the schema's back when the next one is registered.
CREATE TABLE t_spot (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POINT);
CREATE TABLE t_place (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POINT);
CREATE TRIGGER t_hostile AFTER INSERT ON gpkg_contents
BEGIN
  SELECT Stead_AddFeatureTable ('t_spot', 'geom', 'POINT', 'Spots', 'Not asked for');
END;
SELECT Stead_AddFeatureTable ('t_place', 'geom', 'POINT', 'Places', 'Asked for');
