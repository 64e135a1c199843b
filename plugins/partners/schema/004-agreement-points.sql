-- What a household list needs to know from the data-sharing agreement it
-- came under (issue #14): whether the agreement lets the partnership show
-- its households as points on the map (past the privacy zoom), or only as
-- counts per area. Other plugins read it as the facts of record kind
-- "agreement" (allows_points), never this table.
ALTER TABLE partners_agreement ADD COLUMN allows_points INTEGER NOT NULL DEFAULT 0
  CHECK (allows_points IN (0, 1));
