-- stead_audit is append-only: the one write that may change it is a plain
-- INSERT of a row with a new id.
--
-- 002 refused UPDATE and DELETE, but INSERT OR REPLACE of an existing id
-- (and REPLACE INTO) deletes the old row without firing DELETE triggers
-- (SQLite fires them on REPLACE only under PRAGMA recursive_triggers), so it
-- could rewrite any row. stead_audit_no_replace refuses an INSERT whose id is
-- already there, whatever its conflict clause; an INSERT that lets SQLite
-- choose the id has NEW.id -1 here, never a row's id (ids start at 1).
-- UPSERT (ON CONFLICT DO UPDATE) and UPDATE OR REPLACE are UPDATEs and stay
-- refused by stead_audit_no_update.
--
-- The two triggers of 002 are made again here as they stand there, so that
-- every workspace migrated past 005 has the whole set, whatever happened to
-- it before (`stead-cli check` reports any of them missing).

DROP TRIGGER IF EXISTS stead_audit_no_update;
CREATE TRIGGER stead_audit_no_update BEFORE UPDATE ON stead_audit
BEGIN
  SELECT RAISE (ABORT, 'stead_audit is append-only');
END;

DROP TRIGGER IF EXISTS stead_audit_no_delete;
CREATE TRIGGER stead_audit_no_delete BEFORE DELETE ON stead_audit
BEGIN
  SELECT RAISE (ABORT, 'stead_audit is append-only');
END;

CREATE TRIGGER stead_audit_no_replace BEFORE INSERT ON stead_audit
WHEN EXISTS (SELECT 1 FROM stead_audit WHERE id = NEW.id)
BEGIN
  SELECT RAISE (ABORT, 'stead_audit is append-only');
END;
