-- Extra attributes (issue 11): what an imported file holds about an
-- organisation that no field of the format does, as a JSON object of the
-- file's names to text. Nobody chose what those columns hold: personal
-- data until someone says otherwise (left out of exports unless asked).
ALTER TABLE partners_organisation ADD COLUMN extra TEXT
  CHECK (extra IS NULL OR json_valid (extra));
INSERT OR IGNORE INTO stead_personal_data (table_name, column_name, owner, category, retention_days)
  VALUES ('partners_organisation', 'extra', 'partners',
          'columns of an imported file that may identify a person', NULL);
