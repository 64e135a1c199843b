-- "010" sorts before "002" as text; migrations go by number.
INSERT INTO t_order (step) VALUES ('010');
