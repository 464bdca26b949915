-- Panels (issue 11): a round's rubric, its panels and who sits on them, which panel scores an
-- application, members' declarations of interest, and their scores.

-- A round's rubric (id = the round's): the version scores name, and the rest as JSON (small).
CREATE TABLE rubrics (
  round_id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  content TEXT NOT NULL
);

CREATE TABLE panels (
  id TEXT PRIMARY KEY,
  round_id TEXT NOT NULL,
  name TEXT NOT NULL,
  chair_id TEXT,
  quorum INTEGER NOT NULL
);
CREATE INDEX panels_by_round ON panels (round_id);
CREATE TABLE panel_members (
  panel_id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  PRIMARY KEY (panel_id, person_id)
) WITHOUT ROWID;
CREATE INDEX panel_members_by_person ON panel_members (person_id);
CREATE TABLE panel_areas (
  panel_id TEXT NOT NULL,
  area_id TEXT NOT NULL,
  PRIMARY KEY (panel_id, area_id)
) WITHOUT ROWID;
CREATE INDEX panel_areas_by_area ON panel_areas (area_id);

-- By hand, where an application's area would give it to another panel or to none (panel_id NULL).
CREATE TABLE panel_assignments (
  application_id TEXT PRIMARY KEY,
  panel_id TEXT
) WITHOUT ROWID;
CREATE INDEX panel_assignments_by_panel ON panel_assignments (panel_id);
-- A panel's applications: those of its round in its areas.
CREATE INDEX applications_by_round_area ON applications (round_id, area_id);

-- Every declaration, kept (append-only): `entries` says which stand.
CREATE TABLE declarations (
  id TEXT PRIMARY KEY,
  application_id TEXT NOT NULL,
  member_id TEXT NOT NULL,
  interest INTEGER NOT NULL,
  nature TEXT NOT NULL,
  declared_at TEXT NOT NULL,
  typed_by TEXT
);
CREATE INDEX declarations_by_application ON declarations (application_id, member_id);
CREATE INDEX declarations_by_member ON declarations (member_id);

-- Each member's latest score per criterion or gate of an application; typed_by when from paper.
CREATE TABLE scores (
  application_id TEXT NOT NULL,
  member_id TEXT NOT NULL,
  criterion_id TEXT NOT NULL,
  round_id TEXT NOT NULL,
  rubric_version INTEGER NOT NULL,
  rubric_shape TEXT NOT NULL,
  level INTEGER,
  comment TEXT NOT NULL,
  entered_at TEXT NOT NULL,
  typed_by TEXT,
  -- By round first: a round's moderation and normalisation read all of its scores in one range.
  PRIMARY KEY (round_id, application_id, member_id, criterion_id)
) WITHOUT ROWID;
CREATE INDEX scores_by_application ON scores (application_id, member_id);
-- Whether a rubric version has been scored against: its weights and levels are then fixed.
CREATE INDEX scores_by_version ON scores (round_id, rubric_version);
CREATE TABLE score_submissions (
  application_id TEXT NOT NULL,
  member_id TEXT NOT NULL,
  round_id TEXT NOT NULL,
  rubric_version INTEGER NOT NULL,
  submitted_at TEXT NOT NULL,
  typed_by TEXT,
  PRIMARY KEY (application_id, member_id)
) WITHOUT ROWID;
CREATE INDEX score_submissions_by_round ON score_submissions (round_id);

-- Every moderation a chair recorded (append-only): `entries` says which stand.
CREATE TABLE moderations (
  id TEXT PRIMARY KEY,
  application_id TEXT NOT NULL,
  panel_id TEXT NOT NULL,
  content TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
);
CREATE INDEX moderations_by_application ON moderations (application_id);
CREATE INDEX moderations_by_panel ON moderations (panel_id);
-- A panel whose chair has opened moderation: its members see each other's scores, and scoring closes.
CREATE TABLE moderation_opened (
  panel_id TEXT PRIMARY KEY,
  opened_at TEXT NOT NULL,
  opened_by TEXT NOT NULL
) WITHOUT ROWID;
