-- GeoPackage conformance (issue #11): DATETIME values in the form
-- GeoPackage 1.3 requires.

-- GeoPackage 1.3 (Requirement 5, Table 1): DATETIME is ISO 8601
-- YYYY-MM-DDTHH:MM:SS.SSSZ in UTC. Stead wrote "…:SSZ" (no milliseconds)
-- and "…:SS.SSSSSSZ" (microseconds); from now on every writer gives the
-- form, and rows written before are rewritten to it: the same instant,
-- to the millisecond. A value SQLite cannot read as a time is kept as it is.
UPDATE stead_workspace SET created = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', created), created)
  WHERE created NOT GLOB
    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z';
UPDATE stead_schema SET applied = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', applied), applied)
  WHERE applied NOT GLOB
    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z';
UPDATE need SET opened = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', opened), opened)
  WHERE opened NOT GLOB
    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z';
UPDATE need SET closed = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', closed), closed)
  WHERE closed NOT GLOB
    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z';
UPDATE stead_attribution
  SET imported = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', imported), imported)
  WHERE imported NOT GLOB
    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z';
UPDATE alert SET sent = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', sent), sent)
  WHERE sent NOT GLOB
    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z';
UPDATE alert SET onset = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', onset), onset)
  WHERE onset NOT GLOB
    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z';
UPDATE alert SET expires = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', expires), expires)
  WHERE expires NOT GLOB
    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z';

-- The audit log is append-only; its times are rewritten once, here, with
-- the trigger that guards it lifted for this statement and put back as
-- it was (002-core.sql).
DROP TRIGGER stead_audit_no_update;
UPDATE stead_audit SET time = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', time), time)
  WHERE time NOT GLOB
    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z';
CREATE TRIGGER stead_audit_no_update BEFORE UPDATE ON stead_audit
BEGIN
  SELECT RAISE (ABORT, 'stead_audit is append-only');
END;
