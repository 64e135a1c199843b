-- Readiness (issue #15): what each role needs before a volunteer may be
-- deployed for it. One row per skill (taxonomy 'skill'); '*' is what a
-- skill without a row of its own needs. The partnership can edit these.
--   dbs_level  the lowest check (volunteers_volunteer.dbs_level order)
--   regulated  1 when the role is regulated activity (DOMAIN §4): said so
--   training   a training's skill that must be in date, or NULL
--   insurance  insurance kinds that must be in date and cover the role
--   ppe        an item that must be issued and not returned, or NULL
--   activity   the role in words, for the reasons ("shopping for a
--              shielding adult")
CREATE TABLE volunteers_role (
  skill TEXT PRIMARY KEY,
  dbs_level TEXT NOT NULL DEFAULT 'none'
    CHECK (dbs_level IN ('none', 'basic', 'standard', 'enhanced', 'enhanced-barred')),
  regulated INTEGER NOT NULL DEFAULT 0 CHECK (regulated IN (0, 1)),
  training TEXT,
  insurance TEXT,
  ppe TEXT,
  activity TEXT
);
INSERT INTO volunteers_role (skill, dbs_level, regulated, training, insurance, ppe, activity)
VALUES
  ('*', 'none', 0, NULL, 'public-liability', NULL, NULL),
  ('delivery', 'enhanced-barred', 1, NULL, 'public-liability', NULL,
   'shopping for a shielding adult'),
  ('befriending', 'enhanced', 0, NULL, 'public-liability', NULL, 'befriending'),
  ('emotional-support', 'enhanced', 0, NULL, 'public-liability', NULL, 'emotional support'),
  ('rest-centre', 'enhanced', 0, NULL, 'public-liability', NULL, 'rest centre staffing'),
  ('driving', 'basic', 0, NULL, 'public-liability motor', NULL, 'driving'),
  ('4x4', 'basic', 0, '4x4', 'public-liability motor', NULL, '4x4 driving'),
  ('first-aid', 'none', 0, 'first-aid', 'public-liability', NULL, 'first aid'),
  ('chainsaw', 'none', 0, 'chainsaw', 'public-liability', 'chainsaw-ppe', 'chainsaw work'),
  ('flood-warden', 'none', 0, NULL, 'public-liability', 'hi-vis', 'flood warden'),
  ('sandbagging', 'none', 0, NULL, 'public-liability', 'gloves', 'sandbagging');

-- DBS certificates are renewed this many years after their date.
INSERT INTO volunteers_setting (key, value) VALUES ('dbs-renewal-years', 3);

-- GeoPackage 1.3 DATETIME: YYYY-MM-DDTHH:MM:SS.SSSZ. The defaults of
-- 001-volunteers.sql give no milliseconds and a shipped file never
-- changes, so a time written without them (by Stead or another tool) is
-- rewritten straight after, the same instant, as are those written
-- before. A value SQLite cannot read as a time (strftime gives NULL) is
-- kept as it is.
UPDATE volunteers_volunteer
  SET registered = strftime ('%Y-%m-%dT%H:%M:%fZ', registered)
  WHERE registered != strftime ('%Y-%m-%dT%H:%M:%fZ', registered);
CREATE TRIGGER volunteers_volunteer_datetime_insert
  AFTER INSERT ON volunteers_volunteer
  WHEN NEW.registered != strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.registered)
BEGIN
  UPDATE volunteers_volunteer
    SET registered = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.registered), NEW.registered)
    WHERE fid = NEW.fid;
END;
CREATE TRIGGER volunteers_volunteer_datetime_update
  AFTER UPDATE OF registered ON volunteers_volunteer
  WHEN NEW.registered != strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.registered)
BEGIN
  UPDATE volunteers_volunteer
    SET registered = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.registered), NEW.registered)
    WHERE fid = NEW.fid;
END;
UPDATE volunteers_request
  SET window_start = strftime ('%Y-%m-%dT%H:%M:%fZ', window_start)
  WHERE window_start != strftime ('%Y-%m-%dT%H:%M:%fZ', window_start);
UPDATE volunteers_request
  SET window_end = strftime ('%Y-%m-%dT%H:%M:%fZ', window_end)
  WHERE window_end != strftime ('%Y-%m-%dT%H:%M:%fZ', window_end);
UPDATE volunteers_request
  SET opened = strftime ('%Y-%m-%dT%H:%M:%fZ', opened)
  WHERE opened != strftime ('%Y-%m-%dT%H:%M:%fZ', opened);
UPDATE volunteers_request
  SET closed = strftime ('%Y-%m-%dT%H:%M:%fZ', closed)
  WHERE closed != strftime ('%Y-%m-%dT%H:%M:%fZ', closed);
CREATE TRIGGER volunteers_request_datetime_insert
  AFTER INSERT ON volunteers_request
  WHEN NEW.window_start != strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.window_start) OR
    NEW.window_end != strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.window_end) OR
    NEW.opened != strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.opened) OR
    NEW.closed != strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.closed)
BEGIN
  UPDATE volunteers_request
    SET window_start = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.window_start), NEW.window_start),
      window_end = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.window_end), NEW.window_end),
      opened = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.opened), NEW.opened),
      closed = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.closed), NEW.closed)
    WHERE fid = NEW.fid;
END;
CREATE TRIGGER volunteers_request_datetime_update
  AFTER UPDATE OF window_start, window_end, opened, closed ON volunteers_request
  WHEN NEW.window_start != strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.window_start) OR
    NEW.window_end != strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.window_end) OR
    NEW.opened != strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.opened) OR
    NEW.closed != strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.closed)
BEGIN
  UPDATE volunteers_request
    SET window_start = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.window_start), NEW.window_start),
      window_end = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.window_end), NEW.window_end),
      opened = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.opened), NEW.opened),
      closed = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.closed), NEW.closed)
    WHERE fid = NEW.fid;
END;
UPDATE volunteers_task
  SET created = strftime ('%Y-%m-%dT%H:%M:%fZ', created)
  WHERE created != strftime ('%Y-%m-%dT%H:%M:%fZ', created);
UPDATE volunteers_task
  SET offered = strftime ('%Y-%m-%dT%H:%M:%fZ', offered)
  WHERE offered != strftime ('%Y-%m-%dT%H:%M:%fZ', offered);
UPDATE volunteers_task
  SET accepted = strftime ('%Y-%m-%dT%H:%M:%fZ', accepted)
  WHERE accepted != strftime ('%Y-%m-%dT%H:%M:%fZ', accepted);
UPDATE volunteers_task
  SET started = strftime ('%Y-%m-%dT%H:%M:%fZ', started)
  WHERE started != strftime ('%Y-%m-%dT%H:%M:%fZ', started);
UPDATE volunteers_task
  SET finished = strftime ('%Y-%m-%dT%H:%M:%fZ', finished)
  WHERE finished != strftime ('%Y-%m-%dT%H:%M:%fZ', finished);
CREATE TRIGGER volunteers_task_datetime_insert
  AFTER INSERT ON volunteers_task
  WHEN NEW.created != strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.created) OR
    NEW.offered != strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.offered) OR
    NEW.accepted != strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.accepted) OR
    NEW.started != strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.started) OR
    NEW.finished != strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.finished)
BEGIN
  UPDATE volunteers_task
    SET created = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.created), NEW.created),
      offered = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.offered), NEW.offered),
      accepted = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.accepted), NEW.accepted),
      started = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.started), NEW.started),
      finished = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.finished), NEW.finished)
    WHERE id = NEW.id;
END;
CREATE TRIGGER volunteers_task_datetime_update
  AFTER UPDATE OF created, offered, accepted, started, finished ON volunteers_task
  WHEN NEW.created != strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.created) OR
    NEW.offered != strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.offered) OR
    NEW.accepted != strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.accepted) OR
    NEW.started != strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.started) OR
    NEW.finished != strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.finished)
BEGIN
  UPDATE volunteers_task
    SET created = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.created), NEW.created),
      offered = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.offered), NEW.offered),
      accepted = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.accepted), NEW.accepted),
      started = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.started), NEW.started),
      finished = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.finished), NEW.finished)
    WHERE id = NEW.id;
END;
UPDATE volunteers_movement
  SET time = strftime ('%Y-%m-%dT%H:%M:%fZ', time)
  WHERE time != strftime ('%Y-%m-%dT%H:%M:%fZ', time);
CREATE TRIGGER volunteers_movement_datetime_insert
  AFTER INSERT ON volunteers_movement
  WHEN NEW.time != strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.time)
BEGIN
  UPDATE volunteers_movement
    SET time = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.time), NEW.time)
    WHERE id = NEW.id;
END;
CREATE TRIGGER volunteers_movement_datetime_update
  AFTER UPDATE OF time ON volunteers_movement
  WHEN NEW.time != strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.time)
BEGIN
  UPDATE volunteers_movement
    SET time = coalesce (strftime ('%Y-%m-%dT%H:%M:%fZ', NEW.time), NEW.time)
    WHERE id = NEW.id;
END;
