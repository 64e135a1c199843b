-- GeoPackage 1.3 DATETIME (issue #11): YYYY-MM-DDTHH:MM:SS.SSSZ. The
-- defaults of 001-partners.sql give no milliseconds and a shipped file
-- never changes, so a row inserted without its times (by Stead or by
-- another tool) gets them in the form straight after; rows written
-- before are rewritten to it, the same instant. A value SQLite cannot
-- read as a time is kept as it is.
UPDATE partners_organisation
  SET created = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', created), created)
  WHERE created NOT GLOB
    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z';
UPDATE partners_organisation
  SET updated = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', updated), updated)
  WHERE updated NOT GLOB
    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z';

CREATE TRIGGER partners_organisation_datetime AFTER INSERT ON partners_organisation
  WHEN NEW.created NOT GLOB
         '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
    OR NEW.updated NOT GLOB
         '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
BEGIN
  UPDATE partners_organisation
    SET created = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.created), NEW.created),
        updated = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.updated), NEW.updated)
    WHERE id = NEW.id;
END;
