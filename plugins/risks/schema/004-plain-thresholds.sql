-- Impact thresholds as shipped before carried developers' marks ("[I]",
-- "[V]") that meant nothing to users; a workspace keeps its own wording
-- otherwise.
UPDATE risks_scale SET threshold = replace (replace (threshold, ' [I]', ''), ' [V]', '')
  WHERE threshold LIKE '% [I]%' OR threshold LIKE '% [V]%';
