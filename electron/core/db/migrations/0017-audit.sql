-- The audit screen filters the log by person, newest first, a page at a time: an index on the
-- acting person in clock order answers that without reading the rest of the log. A laptop's own
-- events and an imported bundle's arrive in clock order per person, so each insert lands at the end
-- of its person's run of the index (measured: docs/performance.md, "Audit trail").
CREATE INDEX events_by_actor ON events (actor, hlc, device_id, seq);
