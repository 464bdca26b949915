-- An event's row is mostly its payload (an application's is about 1.1 KB). In a WITHOUT ROWID
-- table a row larger than about 1 KB on a 4 KB page spills into an overflow page of its own, so
-- each such event took more than a whole page: a 20,000-application import wrote 93 MB of events.
-- As an ordinary table the rows sit two or three to a page (41 MB for the same import), and the
-- primary key (device_id, seq) becomes an index of its own. Columns, keys and indexes are the same.
CREATE TABLE events_rebuilt (
  device_id TEXT NOT NULL,
  seq INTEGER NOT NULL CHECK (seq >= 1),
  hlc TEXT NOT NULL,
  actor TEXT NOT NULL,
  type TEXT NOT NULL,
  entity TEXT NOT NULL,
  payload TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (device_id, seq)
);
INSERT INTO events_rebuilt SELECT device_id, seq, hlc, actor, type, entity, payload, prev_hash, hash FROM events ORDER BY device_id, seq;
DROP TABLE events;
ALTER TABLE events_rebuilt RENAME TO events;
CREATE INDEX events_in_order ON events (hlc, device_id, seq);
CREATE INDEX events_by_entity ON events (entity);
