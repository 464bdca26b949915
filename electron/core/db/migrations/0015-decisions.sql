-- The Chief Executive's signed decisions (issue 12): append-only, each with the text's facts, the
-- key that signed it and its minisign signature, so anyone can check it again.
CREATE TABLE decisions (
  id TEXT PRIMARY KEY,
  application_id TEXT NOT NULL,
  content TEXT NOT NULL,
  signed_at TEXT NOT NULL,
  signed_by TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX decisions_by_application ON decisions (application_id, signed_at);
