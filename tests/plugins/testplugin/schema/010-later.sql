-- Numbered 010: must run after 002 although it sorts first as text.
INSERT INTO testplugin_order (step) VALUES ('010');
