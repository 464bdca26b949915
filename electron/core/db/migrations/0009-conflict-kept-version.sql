-- A conflict names both versions by person, laptop and time. The other version's are raised_by,
-- raised_device and raised_at (the event that clashed); the kept version's are those of the event
-- that gave the fields the values held when the conflict was raised: the latest before the clash,
-- in clock order, that set one of them to the value kept. NULL when no event in the log did.
ALTER TABLE conflicts ADD COLUMN kept_at TEXT;
ALTER TABLE conflicts ADD COLUMN kept_by TEXT;
ALTER TABLE conflicts ADD COLUMN kept_device TEXT;

-- The same search the projection makes when it raises a conflict (merge/editable.ts sourceOf): a
-- change or a resolution sets the fields it names; a whole record sets the fields it has.
UPDATE conflicts
SET (kept_at, kept_by, kept_device) = (
  SELECT e.hlc, e.actor, e.device_id
  FROM events e
  WHERE e.entity = conflicts.kind || ':' || conflicts.entity_id
    AND (e.hlc, e.device_id) < (conflicts.raised_at, conflicts.raised_device)
    AND e.type IN (
      'fund.seeded', 'fund.added', 'fund.changed', 'fund.saved',
      'area.seeded', 'area.added', 'area.changed', 'area.saved',
      'round.added', 'round.changed', 'round.saved',
      'application.received', 'application.added', 'application.changed', 'application.withdrawn',
      'conflict.resolved'
    )
    AND EXISTS (
      SELECT 1 FROM json_each(conflicts.fields) f
      WHERE (
        CASE WHEN json_type(e.payload, '$.changes') = 'object'
          THEN e.payload -> ('$.changes."' || (f.value ->> '$.field') || '".to')
          ELSE e.payload -> ('$."' || (f.value ->> '$.field') || '"')
        END
      ) = f.value -> '$.kept'
    )
  ORDER BY e.hlc DESC, e.device_id DESC, e.seq DESC
  LIMIT 1
);
