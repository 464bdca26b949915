// Event → tables. The projection is built when the core opens, from the kinds of record it is
// given (electron/core/kinds.ts): each kind brings a projector for every event type it declares.
// Rebuild replays the whole log in clock order and must give exactly the live tables. An event of
// a type with no projector (from a newer GrantPanel) stays in the log and is counted, not projected.
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import type { StoredEvent } from '../../../shared/events/event';
import {
  CONFLICT_KINDS,
  KINDS,
  PROJECTED_TABLES,
  tablesChangedBy,
  type ConflictKind,
  type KindName,
  type MergeRule,
  type TableName,
} from '../../../shared/domain/kinds';
import type { Editable } from '../merge/editable';
import type { Area, Fund, Plan, Round } from '../../../shared/domain/catalogue';
import type { ApplicationRecord } from '../../../shared/domain/application';
import type { Capability, PersonRecord } from '../../../shared/domain/people';
import type { Panel } from '../../../shared/domain/panels';
import type { RubricRecord } from '../../../shared/domain/rubric';
import type { LetterTemplateRecord } from '../../../shared/domain/letters';
import type { Changes } from '../changes';
import { eventFromRow, type EventRow } from './log';
import { Authorship, ignore } from '../people/vouching';
import { applicationMoved, restage } from '../decisions/stages';

export type Projector = ((db: Db, event: StoredEvent, projection: Projection) => void) & {
  /** Set on projectors a generic merge rule made, so a test can check each kind uses the rule it declares. */
  readonly rule?: MergeRule;
  /** Set on projectors that keep a kind's declared total (merge/totals.ts). */
  readonly keepsTotal?: boolean;
};

/** Marks a projector as made by a generic merge rule. */
export function madeBy(rule: MergeRule, fn: (db: Db, event: StoredEvent, projection: Projection) => void): Projector {
  return Object.assign(fn, { rule });
}

/** What the core adds to a kind's declaration: a projector for each of its event types. */
export interface CoreKind<K extends KindName> {
  projectors: { [T in (typeof KINDS)[K]['events'][number]]: Projector };
}

/** The record each kind edited field by field holds. */
interface EditedRecords {
  fund: Fund;
  area: Area;
  plan: Plan;
  round: Round;
  application: ApplicationRecord;
  person: PersonRecord;
  rubric: RubricRecord;
  panel: Panel;
  letterTemplate: LetterTemplateRecord;
}

/** Every kind with its projectors; a kind whose changes merge field by field also says how to edit one. */
export type CoreKinds = {
  [K in KindName]: CoreKind<K> & (K extends ConflictKind ? { editable: Editable<EditedRecords[K], K> } : { editable?: never });
};

export class Projection {
  /** Every table the projection writes: emptied and refilled by a rebuild. */
  readonly tables: readonly TableName[];
  private readonly projectors = new Map<string, Projector>();
  private readonly editables = new Map<string, Editable>();
  /** Who may have made each event (people/vouching.ts), with what it read about authors kept between events. */
  private readonly authorship: Authorship;

  constructor(
    private readonly db: Db,
    kinds: CoreKinds,
    private readonly changes?: Changes,
  ) {
    for (const kind of Object.keys(KINDS) as KindName[]) {
      for (const [type, fn] of Object.entries(kinds[kind].projectors) as [string, Projector][]) this.projectors.set(type, fn);
    }
    for (const kind of CONFLICT_KINDS) this.editables.set(kind, kinds[kind].editable as unknown as Editable);
    this.tables = PROJECTED_TABLES;
    this.authorship = new Authorship(db);
  }

  /** Forgets what it read about authors: before a write, and after one rolled back. */
  forgetAuthors(): void {
    this.authorship.forget();
  }

  /** Whether an event's author may do this, as the log stands at the event being projected. */
  can(actor: string, capability: Capability): boolean {
    return this.authorship.can(actor, capability);
  }

  /** How to read and edit a record of a kind whose changes a person resolves. */
  editable(kind: string): Editable | undefined {
    return this.editables.get(kind);
  }

  /** The event types this version projects. */
  types(): string[] {
    return [...this.projectors.keys()];
  }

  project(event: StoredEvent): void {
    this.changes?.report(tablesChangedBy(event.type));
    const fn = this.projectors.get(event.type);
    if (fn) {
      const ignored = this.authorship.whyIgnored(event);
      if (ignored) return ignore(this.db, event, ignored);
      fn(this.db, event, this);
      // One place for every event that can move an application's stage: its row follows at once.
      const moved = applicationMoved(event);
      if (moved) restage(this.db, moved);
      return;
    }
    // A type from a newer GrantPanel: kept in the log, not projected, counted for the Sync screen.
    statement(this.db, 'INSERT INTO unprojected_types (type, count) VALUES (?, 1) ON CONFLICT (type) DO UPDATE SET count = count + 1').run(
      event.type,
    );
  }

  rebuild(): void {
    this.authorship.forget();
    this.db.transaction(() => {
      for (const table of this.tables) this.db.prepare(`DELETE FROM ${table}`).run();
      this.changes?.report(this.tables);
      this.projectInPages(this.db.prepare<[], EventRow>('SELECT * FROM events ORDER BY hlc, device_id, seq LIMIT 5000').all());
    })();
  }

  /**
   * Projects, in clock order, every event whose clock is later than `after`: an import whose new
   * events all come after everything held projects just those, read back from the log a page at a time.
   */
  projectAfter(after: string): void {
    this.projectInPages(
      this.db.prepare<[string], EventRow>('SELECT * FROM events WHERE hlc > ? ORDER BY hlc, device_id, seq LIMIT 5000').all(after),
    );
  }

  /**
   * After an update, changes that arrived from a newer GrantPanel may now be understood: if any type
   * counted as unknown has a projector now, the tables are rebuilt so they take effect. True if so.
   */
  projectNewlyKnown(): boolean {
    const known = unknownEventTypes(this.db).some((u) => this.projectors.has(u.type));
    if (known) this.rebuild();
    return known;
  }

  private projectInPages(firstPage: EventRow[]): void {
    // Pages, not one iterator: better-sqlite3 allows no writes while an iterator is open.
    const next = this.db.prepare<[string, string, number], EventRow>(
      'SELECT * FROM events WHERE (hlc, device_id, seq) > (?, ?, ?) ORDER BY hlc, device_id, seq LIMIT 5000',
    );
    let page = firstPage;
    while (page.length > 0) {
      for (const row of page) this.project(eventFromRow(row));
      const last = page[page.length - 1]!;
      page = next.all(last.hlc, last.device_id, last.seq);
    }
  }
}

/** Events held of types this version cannot project (from a newer GrantPanel), by type. */
export function unknownEventTypes(db: Db): { type: string; count: number }[] {
  return statement<[], { type: string; count: number }>(db, 'SELECT type, count FROM unprojected_types ORDER BY type').all();
}
