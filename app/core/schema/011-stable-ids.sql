-- Stable ids (issue #13): each workspace gets an id of its own, so that a
-- record its exports carry as "stead:<uid>:<table>:<fid>" is the same
-- record in every workspace the file is imported into: imported here again
-- it updates that row (by fid), imported elsewhere it is kept as the row's
-- source_id and updates it there on the next import. A copy of the file
-- keeps the uid, and so its rows' ids, as a copy should.
ALTER TABLE stead_workspace ADD COLUMN uid TEXT;
UPDATE stead_workspace SET uid = lower (hex (randomblob (16))) WHERE uid IS NULL;
CREATE TRIGGER stead_workspace_uid AFTER INSERT ON stead_workspace
  WHEN NEW.uid IS NULL
BEGIN
  UPDATE stead_workspace SET uid = lower (hex (randomblob (16))) WHERE id = NEW.id;
END;
