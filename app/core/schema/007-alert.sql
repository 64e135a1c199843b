-- CAP alerts keep everything they say (issue #11): each <info> (one per
-- language in a bilingual alert) and each of its <area>s is its own row,
-- numbered by position, so languages that share an areaDesc no longer
-- overwrite each other; the geocodes, sender name, category and language
-- have columns, and every other element is kept as JSON in `extra`.

ALTER TABLE alert ADD COLUMN info_index INTEGER NOT NULL DEFAULT 1;  -- its <info>, from 1
ALTER TABLE alert ADD COLUMN area_index INTEGER NOT NULL DEFAULT 1;  -- its <area> in that info
ALTER TABLE alert ADD COLUMN language TEXT;                           -- e.g. en-GB, cy-GB
ALTER TABLE alert ADD COLUMN category TEXT;                           -- Met, Geo…; several: space
ALTER TABLE alert ADD COLUMN sender_name TEXT;
ALTER TABLE alert ADD COLUMN geocodes TEXT;                           -- JSON [{valueName, value}]
ALTER TABLE alert ADD COLUMN extra TEXT;                              -- JSON {alert, info, area}

-- Rows written before this kept one area per areaDesc: number them in order.
UPDATE alert SET area_index = n.rank
  FROM (SELECT id, row_number () OVER (PARTITION BY sender, identifier ORDER BY id) AS rank
        FROM alert) AS n
  WHERE n.id = alert.id;

DROP INDEX alert_identity;
CREATE UNIQUE INDEX alert_identity ON alert (sender, identifier, info_index, area_index);
