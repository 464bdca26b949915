-- People who sign in (issue 10). A person has roles and the areas they serve, and may be
-- deactivated; what they did stays theirs. Each laptop's implicit officer (written before people
-- signed in) becomes a grants officer serving every area.
CREATE TABLE people_new (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  roles TEXT NOT NULL,
  areas TEXT NOT NULL DEFAULT '[]',
  active INTEGER NOT NULL DEFAULT 1
);
INSERT INTO people_new (id, name, roles) SELECT id, name, '["grants-officer"]' FROM people;
DROP TABLE people;
ALTER TABLE people_new RENAME TO people;

-- A person's current credential: their public key and the digest of their sealed secret (held in
-- personal_data, travelling only in sealed bundles). must_change: set by an officer's reset.
CREATE TABLE credentials (
  person_id TEXT PRIMARY KEY,
  public_key TEXT NOT NULL,
  secret TEXT NOT NULL,
  must_change INTEGER NOT NULL,
  issued_hlc TEXT NOT NULL,
  issued_by TEXT NOT NULL
);
-- Whether a sealed secret is still someone's: asked whenever personal data may be let go.
CREATE INDEX credentials_by_secret ON credentials (secret);

-- Every public key a person has held, from when: a signature is checked against the key of its day.
CREATE TABLE person_keys (
  person_id TEXT NOT NULL,
  public_key TEXT NOT NULL,
  from_hlc TEXT NOT NULL,
  PRIMARY KEY (person_id, public_key)
) WITHOUT ROWID;

-- This laptop's own: wrong passphrases in a row per person (never the passphrase), and settings.
CREATE TABLE sign_in_failures (
  person_id TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_failed_at TEXT NOT NULL
);
CREATE TABLE laptop_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- Who signed in on which laptop, from which of its events until which: a person's changes from a
-- laptop stand only inside such a window (their own signature opened it). Changes outside one, or
-- by someone whose role does not allow them, stay in the log and are counted here, not applied.
CREATE TABLE sign_ins (
  device_id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  from_seq INTEGER NOT NULL,
  to_seq INTEGER,
  PRIMARY KEY (device_id, person_id, from_seq)
) WITHOUT ROWID;
CREATE TABLE ignored_changes (
  device_id TEXT NOT NULL,
  actor TEXT NOT NULL,
  reason TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (device_id, actor, reason)
) WITHOUT ROWID;
