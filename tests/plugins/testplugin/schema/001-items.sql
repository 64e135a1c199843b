CREATE TABLE testplugin_item (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  count INTEGER NOT NULL DEFAULT 0,
  longitude REAL,
  latitude REAL
);
