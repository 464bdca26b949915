-- Events of types this version has no projector for (made by a newer GrantPanel) are kept in the log
-- but not projected; this counts them per type for the Sync screen, without scanning the events. It
-- is a projection like any other: counted as such events are projected, and rebuilt from the log.
CREATE TABLE unprojected_types (
  type TEXT PRIMARY KEY,
  count INTEGER NOT NULL
) WITHOUT ROWID;
