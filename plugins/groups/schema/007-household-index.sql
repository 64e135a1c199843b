-- UNIQUE (list, reference) already indexes households by list: a second
-- index on list alone only slowed every import of a list.
DROP INDEX IF EXISTS groups_household_list_idx;
