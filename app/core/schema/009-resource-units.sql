-- Resource units (issue #12): each resource kind counts its capacity in one
-- unit (places, seats, litres, sandbags…), seeded from
-- data/taxonomy/resource-kinds.json, so a summary sums capacity per unit and
-- never adds sandbags to rest-centre places.
ALTER TABLE taxonomy ADD COLUMN unit TEXT;
