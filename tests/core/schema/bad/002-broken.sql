INSERT INTO t_bad (name) VALUES ('half-way');
ALTER TABLE no_such_table ADD COLUMN nothing TEXT;
