-- What the generic merge rules keep (electron/core/merge/). Both are projections: a rebuild
-- empties them and replays the log.

-- The append-only rule: every entry of an append-only kind, by the subject it is about (a
-- conflict, an application), and the later entry that superseded it. Entries never change; the
-- standing ones are those nothing has superseded, and two standing entries that say different
-- things are raised for a person.
CREATE TABLE entries (
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  id TEXT NOT NULL,
  hlc TEXT NOT NULL,
  gist TEXT NOT NULL,
  superseded_by TEXT,
  PRIMARY KEY (kind, subject, id)
) WITHOUT ROWID;

-- The totals rule: a group (an area's budget in a round) whose entries together pass its limit,
-- raised for a person while it does. Both entries are kept; nothing is silently dropped.
CREATE TABLE total_breaches (
  kind TEXT NOT NULL,
  grp TEXT NOT NULL,
  total INTEGER NOT NULL,
  limit_amount INTEGER NOT NULL,
  raised_at TEXT NOT NULL,
  raised_device TEXT NOT NULL,
  PRIMARY KEY (kind, grp)
) WITHOUT ROWID;

-- Conflict resolutions already held become entries, as a rebuild would write them (a resolution
-- names no earlier one; its gist is its choices, already canonical JSON in the stored payload).
INSERT OR IGNORE INTO entries (kind, subject, id, hlc, gist)
  SELECT 'conflictResolution', json_extract(payload, '$.conflict'), hash, hlc, json(json_extract(payload, '$.choices'))
  FROM events WHERE type = 'conflict.resolved';
