-- Statuses (issue 12): the offer sent and the signed acceptance, one row per decision offered
-- (only the standing decision's counts), and each application's stage as derived from the log,
-- kept so the register filters by stage through an index rather than deriving 20,000 stages.
CREATE TABLE offers (
  decision_id TEXT PRIMARY KEY,
  application_id TEXT NOT NULL,
  sent_on TEXT NOT NULL,
  sent_at TEXT NOT NULL,
  sent_by TEXT NOT NULL,
  accepted_on TEXT,
  accepted_at TEXT,
  accepted_by TEXT
) WITHOUT ROWID;
CREATE INDEX offers_by_application ON offers (application_id);

CREATE TABLE application_stages (
  application_id TEXT PRIMARY KEY,
  round_id TEXT NOT NULL,
  stage TEXT NOT NULL
) WITHOUT ROWID;
-- A stage across rounds, or within one: both filters are a range of this index.
CREATE INDEX application_stages_by_stage ON application_stages (stage, round_id);
