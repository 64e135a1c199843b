-- A feature table whose key and geometry column are not called fid and
-- geom, so its triggers are written for it rather than copied.
CREATE TABLE t_place (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  location POINT,
  name TEXT NOT NULL
);
SELECT Stead_AddFeatureTable ('t_place', 'location', 'POINT', 'Places', 'Where things are');
