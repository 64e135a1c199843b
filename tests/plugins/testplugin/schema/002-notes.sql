ALTER TABLE testplugin_item ADD COLUMN note TEXT;
CREATE TABLE testplugin_order (
  id INTEGER PRIMARY KEY,
  step TEXT NOT NULL
);
INSERT INTO testplugin_order (step) VALUES ('002');
