-- Household lists (issue #14): what everyone reads households through.
--
-- A list is purged at the start of its retention day, when a writable
-- workspace opens or while it is open. A workspace opened only to read is
-- never written, so an expired list may still be in the file there: every
-- export, count, report and map reads households through this view, which
-- leaves out the households of lists whose retention date has come.
CREATE VIEW groups_household_current AS
  SELECT h.fid, h.geom, h.list, h.reference, h.postcode, h.uprn, h.needs, h.name, h.phone,
         h.address, h.area, l.points_allowed
  FROM groups_household h
  JOIN groups_household_list l ON l.id = h.list
  WHERE l.retention > date ('now', 'localtime');

-- The next list to purge, found without reading every list.
CREATE INDEX groups_household_list_retention ON groups_household_list (retention)
  WHERE purged IS NULL;
