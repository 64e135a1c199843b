-- Extra attributes (issue 11): what an import read that no field of its
-- format holds (an unmapped CSV column, a GeoJSON property, a GeoPackage
-- column), kept with the record as a JSON object of the file's own names
-- to their text, so that nothing a partner sent is dropped.
ALTER TABLE need ADD COLUMN extra TEXT CHECK (extra IS NULL OR json_valid (extra));
ALTER TABLE resource ADD COLUMN extra TEXT CHECK (extra IS NULL OR json_valid (extra));
ALTER TABLE area ADD COLUMN extra TEXT CHECK (extra IS NULL OR json_valid (extra));

-- Nobody chose what the columns of a need's or resource's file hold: treat
-- them as personal data (left out of exports unless asked for).
INSERT OR IGNORE INTO stead_personal_data (table_name, column_name, owner, category, retention_days)
  VALUES ('need', 'extra', 'core', 'columns of an imported file that may identify a person', NULL),
         ('resource', 'extra', 'core', 'columns of an imported file that may identify a person',
          NULL);

-- A resource's title names a volunteer or a team member as often as a
-- building ("J. Smith, 4x4 driver"): personal data, as a need's title is.
INSERT OR IGNORE INTO stead_personal_data (table_name, column_name, owner, category, retention_days)
  VALUES ('resource', 'title', 'core', 'free text that may name a volunteer', NULL);
