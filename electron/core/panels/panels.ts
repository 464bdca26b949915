// Panels as every laptop projects them, and which panel scores an application: the panel of its
// round covering its area, unless an officer gave it to another (or to none) by hand.
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import type { CoreKinds } from '../events/project';
import { describePlain, editableProjectors, type Editable } from '../merge/editable';
import type { Panel } from '../../../shared/domain/panels';
import { PANEL_MEMBER_PREFIX } from '../../../shared/events/payload-reasons';

interface PanelRow {
  id: string;
  round_id: string;
  name: string;
  chair_id: string | null;
  quorum: number;
}

const LABELS: Record<string, string> = { name: 'Name', chairId: 'Chair', quorum: 'Quorum', areaIds: 'Areas' };

const nameOf = (db: Db, table: 'people' | 'areas', id: unknown) =>
  statement<[string], { name: string }>(db, `SELECT name FROM ${table} WHERE id = ?`).get(String(id))?.name ?? String(id);

function fromRow(db: Db, r: PanelRow): Panel {
  const ids = (sql: string) =>
    statement<[string], { id: string }>(db, sql)
      .all(r.id)
      .map((x) => x.id);
  return {
    id: r.id,
    roundId: r.round_id,
    name: r.name,
    chairId: r.chair_id,
    quorum: r.quorum,
    areaIds: ids('SELECT area_id AS id FROM panel_areas WHERE panel_id = ? ORDER BY area_id'),
    memberIds: ids('SELECT person_id AS id FROM panel_members WHERE panel_id = ? ORDER BY person_id'),
  };
}

export function readPanel(db: Db, id: string): Panel | undefined {
  const row = statement<[string], PanelRow>(db, 'SELECT * FROM panels WHERE id = ?').get(id);
  return row && fromRow(db, row);
}

export function panelsOfRound(db: Db, roundId: string): Panel[] {
  return statement<[string], PanelRow>(db, 'SELECT * FROM panels WHERE round_id = ? ORDER BY name, id')
    .all(roundId)
    .map((r) => fromRow(db, r));
}

/** The panels a person sits on (or chairs), newest round first. */
export function panelsOf(db: Db, personId: string): Panel[] {
  return statement<[string, string], PanelRow>(
    db,
    `SELECT p.* FROM panels p WHERE p.id IN (SELECT panel_id FROM panel_members WHERE person_id = ?) OR p.chair_id = ?
     ORDER BY p.name, p.id`,
  )
    .all(personId, personId)
    .map((r) => fromRow(db, r));
}

function writePanel(db: Db, p: Panel): void {
  statement(db, 'INSERT OR REPLACE INTO panels (id, round_id, name, chair_id, quorum) VALUES (?, ?, ?, ?, ?)').run(
    p.id,
    p.roundId,
    p.name,
    p.chairId,
    p.quorum,
  );
  statement(db, 'DELETE FROM panel_areas WHERE panel_id = ?').run(p.id);
  const area = statement(db, 'INSERT OR IGNORE INTO panel_areas (panel_id, area_id) VALUES (?, ?)');
  for (const a of p.areaIds) area.run(p.id, a);
  statement(db, 'DELETE FROM panel_members WHERE panel_id = ?').run(p.id);
  const member = statement(db, 'INSERT OR IGNORE INTO panel_members (panel_id, person_id) VALUES (?, ?)');
  for (const m of p.memberIds) member.run(p.id, m);
}

export const panels: Editable<Panel, 'panel'> = {
  kind: 'panel',
  noun: 'panel',
  fields: Object.keys(LABELS),
  read: readPanel,
  write: writePanel,
  label: (p) => p.name,
  fieldLabel: (db, field) =>
    field.startsWith(PANEL_MEMBER_PREFIX)
      ? `Member ${nameOf(db, 'people', field.slice(PANEL_MEMBER_PREFIX.length))}`
      : (LABELS[field] ?? field),
  describe: (db, field, value) => {
    if (field.startsWith(PANEL_MEMBER_PREFIX)) return value ? 'On the panel' : 'Not on the panel';
    if (field === 'chairId') return value ? nameOf(db, 'people', value) : 'No chair';
    if (field === 'areaIds' && Array.isArray(value)) return value.map((a) => nameOf(db, 'areas', a)).join('; ') || '(none)';
    return describePlain(value);
  },
  // Members join and leave one by one: two laptops adding different members both succeed.
  entries: {
    field: 'memberIds',
    prefix: PANEL_MEMBER_PREFIX,
    key: (m) => String(m),
    value: () => true,
    make: (personId) => personId,
  },
};

export const panelKind: CoreKinds['panel'] = { editable: panels, projectors: editableProjectors(panels) };

export const panelAssignmentKind: CoreKinds['panelAssignment'] = {
  projectors: {
    'panel.assigned': (db, e) => {
      const { applicationId, panelId, byArea } = e.payload as { applicationId: string; panelId: string | null; byArea: boolean };
      if (byArea) statement(db, 'DELETE FROM panel_assignments WHERE application_id = ?').run(applicationId);
      else statement(db, 'INSERT OR REPLACE INTO panel_assignments (application_id, panel_id) VALUES (?, ?)').run(applicationId, panelId);
    },
  },
};

/**
 * The panel that scores an application: the one an officer chose by hand, else the one of its round
 * covering its area (the first by id if two laptops gave one area two panels). Null when none does.
 */
export function panelOf(db: Db, applicationId: string): string | null {
  const row = statement<[{ a: string }], { by_hand: number; panel_id: string | null }>(
    db,
    `SELECT 1 AS by_hand, panel_id FROM panel_assignments WHERE application_id = @a
     UNION ALL
     SELECT 0, min(p.id) FROM applications a JOIN panel_areas pa ON pa.area_id = a.area_id
       JOIN panels p ON p.id = pa.panel_id AND p.round_id = a.round_id
     WHERE a.id = @a
     ORDER BY by_hand DESC LIMIT 1`,
  ).get({ a: applicationId });
  return row?.panel_id ?? null;
}

/** Screened ineligible, and settled: not scored (a disputed screening is not settled yet). */
const SCREENED_OUT = "SELECT 1 FROM screenings s WHERE s.application_id = a.id AND s.result = 'ineligible' AND s.disputed = 0";

/**
 * A panel's applications (ids, by reference), withdrawn and screened-out ones left out: those of
 * its round in its areas that no officer moved elsewhere, and those moved to it by hand.
 */
export function applicationsOfPanel(db: Db, panel: Pick<Panel, 'id' | 'roundId'>): string[] {
  return statement<[{ a: string; b: string }], { id: string }>(
    db,
    `SELECT a.id, a.reference FROM panel_areas pa JOIN applications a ON a.round_id = @b AND a.area_id = pa.area_id
       WHERE pa.panel_id = @a AND a.status != 'withdrawn' AND NOT EXISTS (${SCREENED_OUT})
         AND NOT EXISTS (SELECT 1 FROM panel_assignments x WHERE x.application_id = a.id)
         AND @a = (SELECT min(p2.id) FROM panel_areas pa2 JOIN panels p2 ON p2.id = pa2.panel_id
                   WHERE pa2.area_id = a.area_id AND p2.round_id = @b)
     UNION
     SELECT a.id, a.reference FROM panel_assignments x JOIN applications a ON a.id = x.application_id
       WHERE x.panel_id = @a AND a.status != 'withdrawn' AND NOT EXISTS (${SCREENED_OUT})
     ORDER BY 2`,
  )
    .all({ a: panel.id, b: panel.roundId })
    .map((r) => r.id);
}
