-- Personal data (applicants' contact details) is held beside the event log, not in it: events
-- carry only a salted digest, so the hash chain stays whole when personal data is left out of a
-- bundle or erased, and the log itself never holds a name, email or phone number.
CREATE TABLE personal_data (
  digest TEXT PRIMARY KEY,
  salt TEXT NOT NULL,
  body TEXT NOT NULL
) WITHOUT ROWID;
