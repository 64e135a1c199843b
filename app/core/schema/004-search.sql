-- The plugin kit (issue #10): the search index learns which kind of record
-- each entry is, and a key table finds an entry without scanning the index.
-- The index is derived data: rebuilt by the plugins' index hooks after this.

DROP TABLE stead_search;
CREATE VIRTUAL TABLE stead_search USING fts5 (
  owner UNINDEXED, kind UNINDEXED, ref UNINDEXED, title, body,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3'
);

-- One row per entry: its rowid is the entry's rowid in stead_search.
CREATE TABLE stead_search_key (
  id INTEGER PRIMARY KEY,
  owner TEXT NOT NULL,
  kind TEXT NOT NULL,
  ref INTEGER NOT NULL,
  UNIQUE (owner, kind, ref)
);
