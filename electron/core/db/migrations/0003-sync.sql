-- Laptops this one trusts (a projection of device.trusted events) and the ledger of bundles
-- imported here (local: what arrived, when, what was new, what is still missing).
CREATE TABLE trusted_devices (
  device_id TEXT PRIMARY KEY,
  public_key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  name TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE bundle_imports (
  id INTEGER PRIMARY KEY,
  events_sha256 TEXT NOT NULL,
  exporter_device TEXT NOT NULL,
  created_at TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  events_new INTEGER NOT NULL,
  events_known INTEGER NOT NULL,
  gaps TEXT NOT NULL,
  knows TEXT NOT NULL
);
CREATE INDEX bundle_imports_by_exporter ON bundle_imports (exporter_device, id);
