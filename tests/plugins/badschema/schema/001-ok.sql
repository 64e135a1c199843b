CREATE TABLE badschema_thing (id INTEGER PRIMARY KEY, name TEXT);
