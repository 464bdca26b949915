-- Eligibility screening (issue 11). A fund's checklist: an optional minimum award, the types of
-- organisation it supports (JSON list; NULL: as shipped, see shared/domain/eligibility.ts) and the
-- checks an officer confirms (JSON list; NULL: as shipped). A round's optional spending window.
ALTER TABLE funds ADD COLUMN min_award_pence INTEGER;
ALTER TABLE funds ADD COLUMN organisation_types TEXT;
ALTER TABLE funds ADD COLUMN officer_checks TEXT;
ALTER TABLE rounds ADD COLUMN spend_from TEXT;
ALTER TABLE rounds ADD COLUMN spend_by TEXT;

-- The screening standing for each application (append-only: a later screening supersedes the ones
-- its author saw; the entries table keeps every one). disputed: two standing screenings disagree —
-- the earlier stays in effect until a person records one that supersedes both.
CREATE TABLE screenings (
  application_id TEXT PRIMARY KEY,
  round_id TEXT NOT NULL,
  result TEXT NOT NULL CHECK (result IN ('eligible', 'ineligible')),
  checks TEXT NOT NULL,
  told_applicant TEXT NOT NULL,
  event_id TEXT NOT NULL,
  screened_by TEXT NOT NULL,
  screened_device TEXT NOT NULL,
  screened_at TEXT NOT NULL,
  disputed INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX screenings_by_round ON screenings (round_id, result);
-- The few disputed, for the Conflicts screen, without reading every screening.
CREATE INDEX screenings_disputed ON screenings (application_id) WHERE disputed = 1;
