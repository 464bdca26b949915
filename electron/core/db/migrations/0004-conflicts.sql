-- Concurrent edits a person must decide (a projection: raised and resolved by events, so every
-- laptop lists the same conflicts once it holds the same events).
CREATE TABLE conflicts (
  -- the hash of the event whose change clashed
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  -- [{ field, kept, incoming }] as they stood when the conflict was raised
  fields TEXT NOT NULL,
  raised_at TEXT NOT NULL,
  raised_by TEXT NOT NULL,
  raised_device TEXT NOT NULL,
  resolved_at TEXT,
  resolved_by TEXT,
  -- { field: 'kept' | 'incoming' }
  resolution TEXT
) WITHOUT ROWID;
CREATE INDEX conflicts_by_entity ON conflicts (kind, entity_id);
CREATE INDEX conflicts_open ON conflicts (resolved_at, raised_at);
