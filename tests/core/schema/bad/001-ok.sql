CREATE TABLE t_bad (id INTEGER PRIMARY KEY, name TEXT);
INSERT INTO t_bad (name) VALUES ('first');
