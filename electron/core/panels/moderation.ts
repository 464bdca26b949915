// Moderation: the chair's moderated score per criterion, the gates, and a recommendation, recorded
// append-only (a later moderation supersedes those its chair saw; all stay). Only the chair of the
// application's panel, as the log then stood, who has not declared an interest in it, moderates it.
// Opening moderation on a panel lets its members see each other's scores, and closes scoring.
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import type { CoreKinds } from '../events/project';
import { madeBy } from '../events/project';
import { appendOnly } from '../merge/append-only';
import { canonicalJson } from '../../../shared/events/canonical';
import type { StoredEvent } from '../../../shared/events/event';
import type { Moderation } from '../../../shared/domain/panels';
import { ignore } from '../people/vouching';
import { panelOf, readPanel } from './panels';
import { declarationOf } from './declarations';

export interface Recorded extends Moderation {
  supersedes: string[];
}

function keep(db: Db, m: Recorded, event: StoredEvent): void {
  const { supersedes, ...content } = m;
  void supersedes;
  statement(
    db,
    'INSERT OR IGNORE INTO moderations (id, application_id, panel_id, content, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(event.hash, m.applicationId, m.panelId, canonicalJson(content), event.hlc, event.actor);
}

const record = appendOnly<Recorded>(
  {
    kind: 'moderation',
    subject: (m) => m.applicationId,
    supersedes: (m) => m.supersedes,
    gist: (m) => canonicalJson([m.levels, m.gates, m.recommendation, m.amountPence]),
  },
  { stand: (db, m, event) => keep(db, m, event), raise: (db, m, event) => keep(db, m, event) },
);

/** Why this chair may not moderate this application, as the log stands at the event; or null. */
export function notTheChair(db: Db, actor: string, applicationId: string): string | null {
  const panelId = panelOf(db, applicationId);
  const panel = panelId ? readPanel(db, panelId) : undefined;
  if (!panel || panel.chairId !== actor) return 'moderated by someone who does not chair its panel';
  if (declarationOf(db, applicationId, actor).state !== 'none') return 'moderated by a chair who has not declared no interest';
  return null;
}

export const moderationKind: CoreKinds['moderation'] = {
  projectors: {
    'moderation.recorded': madeBy('append-only', (db, event, projection) => {
      const why = notTheChair(db, event.actor, (event.payload as Recorded).applicationId);
      if (why) return ignore(db, event, why);
      record(db, event, projection);
    }),
  },
};

export const moderationOpeningKind: CoreKinds['moderationOpening'] = {
  projectors: {
    'moderation.opened': (db, event) => {
      const { panelId } = event.payload as { panelId: string };
      if (readPanel(db, panelId)?.chairId !== event.actor) return ignore(db, event, 'opened by someone who does not chair the panel');
      statement(db, 'INSERT OR IGNORE INTO moderation_opened (panel_id, opened_at, opened_by) VALUES (?, ?, ?)').run(
        panelId,
        event.hlc,
        event.actor,
      );
    },
  },
};

export function moderationOpen(db: Db, panelId: string): boolean {
  return !!statement(db, 'SELECT 1 FROM moderation_opened WHERE panel_id = ?').get(panelId);
}

export interface StandingModeration extends Moderation {
  id: string;
  recordedAt: string;
  recordedBy: string;
}

/** An application's standing moderations, and how many earlier ones were superseded: one read. */
export function moderationsOf(db: Db, applicationId: string): { standing: StandingModeration[]; superseded: number } {
  const rows = statement<[string], { id: string; content: string; recorded_at: string; recorded_by: string; superseded_by: string | null }>(
    db,
    `SELECT m.id, m.content, m.recorded_at, m.recorded_by, e.superseded_by FROM moderations m
       LEFT JOIN entries e ON e.kind = 'moderation' AND e.subject = m.application_id AND e.id = m.id
     WHERE m.application_id = ? ORDER BY m.recorded_at, m.id`,
  ).all(applicationId);
  const standing = rows
    .filter((r) => r.superseded_by === null)
    .map((r) => ({ id: r.id, ...(JSON.parse(r.content) as Moderation), recordedAt: r.recorded_at, recordedBy: r.recorded_by }));
  return { standing, superseded: rows.length - standing.length };
}
