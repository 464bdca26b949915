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

-- An application's row held its whole record as JSON (`body`), the same text as the payload of the
-- application.received event that brought it: every application was stored twice. A row written
-- by that event, as it came, now points at it (`received_device`, `received_seq`) and holds no
-- body; a row written otherwise (a change, a withdrawal, a reference another application already
-- had) holds its body as before. Readers take the body, else the event's payload. The table is
-- rebuilt because `body` may now be NULL; its columns and indexes are otherwise the same.
CREATE TABLE applications_rebuilt (
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
  body TEXT,
  withdrawn_reason TEXT,
  contact_digest TEXT,
  received_device TEXT,
  received_seq INTEGER,
  CHECK ((body IS NULL) = (received_device IS NOT NULL AND received_seq IS NOT NULL))
);
INSERT INTO applications_rebuilt (id, reference, round_id, area_id, status, received_at, organisation_name, project_title,
    amount_requested, search_text, body, withdrawn_reason, contact_digest)
  SELECT id, reference, round_id, area_id, status, received_at, organisation_name, project_title,
    amount_requested, search_text, body, withdrawn_reason, contact_digest
  FROM applications;
DROP TABLE applications;
ALTER TABLE applications_rebuilt RENAME TO applications;
CREATE INDEX applications_by_round ON applications (round_id, received_at);
CREATE INDEX applications_by_area ON applications (area_id);
CREATE INDEX applications_by_received ON applications (received_at, reference);
CREATE INDEX applications_by_contact ON applications (contact_digest);
-- A row whose body is exactly the payload of the latest event about it, an application.received,
-- is what that event wrote: it points at the event now, as a rebuild would write it.
UPDATE applications AS a SET body = NULL, received_device = e.device_id, received_seq = e.seq
  FROM events AS e
  WHERE e.entity = 'application:' || a.id
    AND e.type = 'application.received'
    AND e.payload = a.body
    AND NOT EXISTS (
      SELECT 1 FROM events AS later
      WHERE later.entity = e.entity AND (later.hlc, later.device_id, later.seq) > (e.hlc, e.device_id, e.seq)
    );
