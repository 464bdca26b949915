-- The event log (source of truth) and the register's projections (derived, rebuildable).
CREATE TABLE events (
  device_id TEXT NOT NULL,
  seq INTEGER NOT NULL CHECK (seq >= 1),
  hlc TEXT NOT NULL,
  actor TEXT NOT NULL,
  type TEXT NOT NULL,
  entity TEXT NOT NULL,
  payload TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  PRIMARY KEY (device_id, seq)
) WITHOUT ROWID;
CREATE INDEX events_in_order ON events (hlc, device_id, seq);
CREATE INDEX events_by_entity ON events (entity);

CREATE TABLE people (id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL);

CREATE TABLE funds (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, code TEXT NOT NULL, source TEXT NOT NULL,
  max_award_pence INTEGER, eligibility TEXT NOT NULL
);
CREATE TABLE areas (id TEXT PRIMARY KEY, name TEXT NOT NULL, ons_code TEXT, local_authority TEXT NOT NULL);
CREATE TABLE plans (id TEXT PRIMARY KEY, name TEXT NOT NULL, start_year INTEGER NOT NULL, end_year INTEGER NOT NULL, sections TEXT NOT NULL);
CREATE TABLE priorities (id TEXT PRIMARY KEY, plan_id TEXT NOT NULL, code TEXT NOT NULL, title TEXT NOT NULL, position INTEGER NOT NULL);
CREATE INDEX priorities_by_plan ON priorities (plan_id, position);

CREATE TABLE rounds (
  id TEXT PRIMARY KEY, fund_id TEXT NOT NULL, plan_id TEXT NOT NULL, name TEXT NOT NULL,
  opens TEXT NOT NULL, closes TEXT NOT NULL, status TEXT NOT NULL
);
CREATE TABLE round_budgets (
  round_id TEXT NOT NULL, area_id TEXT NOT NULL, amount_pence INTEGER NOT NULL,
  PRIMARY KEY (round_id, area_id)
) WITHOUT ROWID;

CREATE TABLE applications (
  id TEXT PRIMARY KEY,
  reference TEXT NOT NULL UNIQUE,
  round_id TEXT NOT NULL,
  area_id TEXT NOT NULL,
  status TEXT NOT NULL,
  received_at TEXT NOT NULL,
  organisation_name TEXT NOT NULL,
  project_title TEXT NOT NULL,
  amount_requested INTEGER NOT NULL,
  search_text TEXT NOT NULL,
  -- the whole application as received, canonical JSON; the columns above are for lists
  body TEXT NOT NULL,
  withdrawn_reason TEXT
);
CREATE INDEX applications_by_round ON applications (round_id, received_at);
CREATE INDEX applications_by_area ON applications (area_id);
CREATE INDEX applications_by_received ON applications (received_at, reference);
CREATE TABLE application_priorities (
  application_id TEXT NOT NULL, priority_id TEXT NOT NULL,
  PRIMARY KEY (priority_id, application_id)
) WITHOUT ROWID;

CREATE TABLE import_mappings (signature TEXT PRIMARY KEY, mapping TEXT NOT NULL);
