-- Whether an agreement lets its parties task volunteers (issue #15): a
-- partner may give volunteers tasks only under an active, unexpired
-- agreement that says so. Other plugins read it as the facts of record
-- kind "agreement" (allows_tasking, parties), never this table.
ALTER TABLE partners_agreement ADD COLUMN allows_tasking INTEGER NOT NULL DEFAULT 0
  CHECK (allows_tasking IN (0, 1));
