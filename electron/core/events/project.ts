// Event → tables. Each capability registers the projectors for its own event types; rebuild
// replays the whole log in clock order and must give exactly the live tables. An event of a type
// with no projector (from a newer GrantPanel) stays in the log and is counted, not projected.
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import type { StoredEvent } from '../../../shared/events/event';
import { eventFromRow, type EventRow } from './log';

export type Projector = (db: Db, event: StoredEvent) => void;

const projectors = new Map<string, Projector>();
const tables: string[] = [];

/** Called once per capability at load: its event types and the tables they write. */
export function registerProjection(owned: string[], byType: Record<string, Projector>): void {
  for (const [type, fn] of Object.entries(byType)) {
    if (projectors.has(type)) throw new Error(`Two projectors for event type ${type}`);
    projectors.set(type, fn);
  }
  tables.push(...owned.filter((t) => !tables.includes(t)));
}

export function projectionTables(): readonly string[] {
  return tables;
}

/** The event types this version projects. */
export function projectedTypes(): string[] {
  return [...projectors.keys()];
}

// Counted as they are projected, so a rebuild recounts them from the log.
registerProjection(['unprojected_types'], {});

export function project(db: Db, event: StoredEvent): void {
  const fn = projectors.get(event.type);
  if (fn) return fn(db, event);
  // A type from a newer GrantPanel: kept in the log, not projected, counted for the Sync screen.
  statement(db, 'INSERT INTO unprojected_types (type, count) VALUES (?, 1) ON CONFLICT (type) DO UPDATE SET count = count + 1').run(
    event.type,
  );
}

/** Events held of types this version cannot project (from a newer GrantPanel), by type. */
export function unknownEventTypes(db: Db): { type: string; count: number }[] {
  return statement<[], { type: string; count: number }>(db, 'SELECT type, count FROM unprojected_types ORDER BY type').all();
}

/**
 * After an update, changes that arrived from a newer GrantPanel may now be understood: if any type
 * counted as unknown has a projector now, the tables are rebuilt so they take effect. True if so.
 */
export function projectNewlyKnownTypes(db: Db): boolean {
  const known = unknownEventTypes(db).some((u) => projectors.has(u.type));
  if (known) rebuildProjections(db);
  return known;
}

export function rebuildProjections(db: Db): void {
  db.transaction(() => {
    for (const table of tables) db.prepare(`DELETE FROM ${table}`).run();
    projectInPages(db, db.prepare<[], EventRow>('SELECT * FROM events ORDER BY hlc, device_id, seq LIMIT 5000').all());
  })();
}

/**
 * Projects, in clock order, every event whose clock is later than `after`: an import whose new
 * events all come after everything held projects just those, read back from the log a page at a time.
 */
export function projectEventsAfter(db: Db, after: string): void {
  projectInPages(
    db,
    db.prepare<[string], EventRow>('SELECT * FROM events WHERE hlc > ? ORDER BY hlc, device_id, seq LIMIT 5000').all(after),
  );
}

function projectInPages(db: Db, firstPage: EventRow[]): void {
  // Pages, not one iterator: better-sqlite3 allows no writes while an iterator is open.
  const next = db.prepare<[string, string, number], EventRow>(
    'SELECT * FROM events WHERE (hlc, device_id, seq) > (?, ?, ?) ORDER BY hlc, device_id, seq LIMIT 5000',
  );
  let page = firstPage;
  while (page.length > 0) {
    for (const row of page) project(db, eventFromRow(row));
    const last = page[page.length - 1]!;
    page = next.all(last.hlc, last.device_id, last.seq);
  }
}
