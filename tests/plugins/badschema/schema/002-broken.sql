-- Fails half-way: the first statement works, the second cannot.
INSERT INTO badschema_thing (name) VALUES ('half-way');
ALTER TABLE no_such_table ADD COLUMN nothing TEXT;
