-- Readiness (issue #15): what each role needs before a volunteer may be
-- deployed for it. One row per skill (taxonomy 'skill'); '*' is what a
-- skill without a row of its own needs. The partnership can edit these.
--   dbs_level  the lowest check (volunteers_volunteer.dbs_level order)
--   regulated  1 when the role is regulated activity (DOMAIN §4): said so
--   training   a training's skill that must be in date, or NULL
--   insurance  insurance kinds that must be in date and cover the role
--   ppe        an item that must be issued and not returned, or NULL
--   activity   the role in words, for the reasons ("shopping for a
--              shielding adult")
CREATE TABLE volunteers_role (
  skill TEXT PRIMARY KEY,
  dbs_level TEXT NOT NULL DEFAULT 'none'
    CHECK (dbs_level IN ('none', 'basic', 'standard', 'enhanced', 'enhanced-barred')),
  regulated INTEGER NOT NULL DEFAULT 0 CHECK (regulated IN (0, 1)),
  training TEXT,
  insurance TEXT,
  ppe TEXT,
  activity TEXT
);
INSERT INTO volunteers_role (skill, dbs_level, regulated, training, insurance, ppe, activity)
VALUES
  ('*', 'none', 0, NULL, 'public-liability', NULL, NULL),
  ('delivery', 'enhanced-barred', 1, NULL, 'public-liability', NULL,
   'shopping for a shielding adult'),
  ('befriending', 'enhanced', 0, NULL, 'public-liability', NULL, 'befriending'),
  ('emotional-support', 'enhanced', 0, NULL, 'public-liability', NULL, 'emotional support'),
  ('rest-centre', 'enhanced', 0, NULL, 'public-liability', NULL, 'rest centre staffing'),
  ('driving', 'basic', 0, NULL, 'public-liability motor', NULL, 'driving'),
  ('4x4', 'basic', 0, '4x4', 'public-liability motor', NULL, '4x4 driving'),
  ('first-aid', 'none', 0, 'first-aid', 'public-liability', NULL, 'first aid'),
  ('chainsaw', 'none', 0, 'chainsaw', 'public-liability', 'chainsaw-ppe', 'chainsaw work'),
  ('flood-warden', 'none', 0, NULL, 'public-liability', 'hi-vis', 'flood warden'),
  ('sandbagging', 'none', 0, NULL, 'public-liability', 'gloves', 'sandbagging');

-- DBS certificates are renewed this many years after their date.
INSERT INTO volunteers_setting (key, value) VALUES ('dbs-renewal-years', 3);
