-- Sync that a lying or broken laptop cannot corrupt (issue 7): local trust, signed heads, the
-- evidence of two versions of a log and the choice between them, and changes of unknown kinds.
-- Trust is local: a laptop trusts a key only because a person on it trusted it. Every laptop
-- still holds every device.trusted event (history, shown on the Sync screen), so the projection
-- says who trusted whom; this laptop trusts only the rows it wrote itself and has not revoked.
CREATE TABLE trusted_devices_by (
  trusted_by TEXT NOT NULL,
  device_id TEXT NOT NULL,
  public_key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  name TEXT NOT NULL,
  trusted_at TEXT NOT NULL,
  revoked_at TEXT,
  revoked_reason TEXT,
  PRIMARY KEY (trusted_by, device_id)
) WITHOUT ROWID;
INSERT OR REPLACE INTO trusted_devices_by (trusted_by, device_id, public_key, fingerprint, name, trusted_at)
  SELECT device_id, json_extract(payload, '$.deviceId'), json_extract(payload, '$.publicKey'),
         json_extract(payload, '$.fingerprint'), json_extract(payload, '$.name'), hlc
    FROM events WHERE type = 'device.trusted' ORDER BY hlc, device_id, seq;
DROP TABLE trusted_devices;
ALTER TABLE trusted_devices_by RENAME TO trusted_devices;

-- Each laptop signs the head of its own log (device, seq, hash) when it exports; a laptop keeps
-- the latest signed head it has verified for every other laptop and passes it on. Events past a
-- laptop's signed head are never accepted. Local state, not a projection.
CREATE TABLE signed_heads (
  device_id TEXT PRIMARY KEY,
  public_key TEXT NOT NULL,
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL,
  signed_at TEXT NOT NULL,
  signature TEXT NOT NULL
) WITHOUT ROWID;

-- Two signed versions of one laptop's log: the evidence (both signed heads), kept when a bundle
-- carrying the other version is refused, until a grants officer chooses which version stands.
CREATE TABLE equivocations (
  device_id TEXT NOT NULL,
  -- the first seq at which the two versions differ, where known, else the heads' seq
  seq INTEGER NOT NULL,
  held_head TEXT NOT NULL,
  incoming_head TEXT NOT NULL,
  -- each version's first differing change, as a person reads it ({ what, at }), where known
  held_change TEXT,
  incoming_change TEXT,
  found_at TEXT NOT NULL,
  bundle_sha256 TEXT NOT NULL,
  PRIMARY KEY (device_id, seq, bundle_sha256)
) WITHOUT ROWID;

-- A grants officer's choice between two signed versions of one laptop's log (a projection of
-- device.versionChosen events, so the choice travels): bundles carrying the chosen version replace
-- the other from where they part; bundles carrying the other are left out, never refused for good.
CREATE TABLE chosen_versions (
  device_id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL,
  chosen_head TEXT NOT NULL,
  rejected_head TEXT NOT NULL,
  chosen_at TEXT NOT NULL,
  chosen_by TEXT NOT NULL
) WITHOUT ROWID;

-- Events of types this version has no projector for (made by a newer GrantPanel) are kept in the log
-- but not projected; this counts them per type for the Sync screen, without scanning the events. It
-- is a projection like any other: counted as such events are projected, and rebuilt from the log.
CREATE TABLE unprojected_types (
  type TEXT PRIMARY KEY,
  count INTEGER NOT NULL
) WITHOUT ROWID;

-- Contact details are erased once no application refers to them (personal-data.ts): the lookup
-- by digest must not scan every application. A column of its own, not an index on an expression
-- over the body, which would parse every application's JSON as it is written.
ALTER TABLE applications ADD COLUMN contact_digest TEXT;
UPDATE applications SET contact_digest = json_extract(body, '$.contactDigest');
CREATE INDEX applications_by_contact ON applications (contact_digest);

-- Nothing looks an event up by its hash (a laptop's events are found by device and seq, and linked
-- by prev_hash), but a UNIQUE index on it, filled in random order, was most of the cost of
-- importing a large bundle. The events table is rebuilt without it; everything else is the same.
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
) WITHOUT ROWID;
INSERT INTO events_rebuilt SELECT device_id, seq, hlc, actor, type, entity, payload, prev_hash, hash FROM events ORDER BY device_id, seq;
DROP TABLE events;
ALTER TABLE events_rebuilt RENAME TO events;
CREATE INDEX events_in_order ON events (hlc, device_id, seq);
CREATE INDEX events_by_entity ON events (entity);
