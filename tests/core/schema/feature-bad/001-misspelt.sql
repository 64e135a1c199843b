CREATE TABLE t_spot (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POINT);
SELECT Stead_AddFeatureTable ('t_spot', 'shape', 'POINT', 'Spots', 'The column is misspelt');
