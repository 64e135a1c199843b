-- Extra attributes (issue 11): the columns of an imported register that no
-- field of the register holds, as a JSON object of column names to text.
-- (002 is the generated scales migration, 002-schemes.sql.)
ALTER TABLE risks_risk ADD COLUMN extra TEXT CHECK (extra IS NULL OR json_valid (extra));
