-- Allocation (issue 12): one amount per recommended application (0: not funded), the latest in
-- clock order standing. Its round and area are the application's, read from `applications` when
-- totalled, so an application moved to another area is counted there.
CREATE TABLE allocations (
  application_id TEXT PRIMARY KEY,
  amount_pence INTEGER NOT NULL CHECK (amount_pence >= 0),
  reason TEXT,
  set_at TEXT NOT NULL,
  set_by TEXT NOT NULL
) WITHOUT ROWID;
