// A laptop's data survives every upgrade: a database left at each earlier schema version, holding
// a register, another laptop's events, contact details and trust, opens with this version, is
// migrated through every later migration and holds exactly what it held, every chain intact.
import { afterAll, expect, test } from 'vitest';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { makeCore, tempDir, type TestCore } from '../support/core';
import { steppingClock } from '../support/clock';
import { eventKeys, projectionSnapshot } from '../support/laptops';
import { validDraft } from '../support/drafts';
import { MIGRATIONS, SCHEMA_VERSION } from '../../electron/core/db/migrations';
import { verifyChain } from '../../electron/core/events/verify';

const cores: TestCore[] = [];
afterAll(() => cores.forEach((c) => c.dispose()));
const laptop = (dir = tempDir(), clock = steppingClock()) => {
  const c = makeCore(dir, clock);
  cores.push(c);
  return c;
};

/** The tables a database has. */
function tablesAt(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
}

/** A copy of `source`'s data in a database built only as far as `version`: as an older GrantPanel left it. */
function databaseAt(version: number, source: Database.Database, file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  for (const m of MIGRATIONS.filter((m) => m.version <= version)) db.exec(m.sql);
  db.pragma(`user_version = ${version}`);
  for (const table of tablesAt(db)) {
    const columns = (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[]).map((c) => c.name);
    // Before version 7 every application's row held its body; since, one as received points at its event instead.
    const selected = columns.map((c) =>
      table === 'applications' && c === 'body' && !columns.includes('received_device')
        ? 'coalesce(body, (SELECT payload FROM events e WHERE e.device_id = received_device AND e.seq = received_seq)) AS body'
        : // Before version 11 everyone was a laptop's implicit officer.
          table === 'people' && c === 'role'
          ? "'officer' AS role"
          : c,
    );
    const rows = source.prepare(`SELECT ${selected.join(', ')} FROM ${table}`).all() as Record<string, unknown>[];
    const insert = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
    db.transaction(() => rows.forEach((r) => insert.run(r)))();
  }
  // Changes of types that version did not know yet (people's, from version 11) it kept and counted, as
  // an import from a newer laptop does: opening the folder after the upgrade projects them.
  // Screenings likewise, from version 12.
  const newer = [
    ...(version < 11 ? ['person.changed', 'credential.issued', 'session.signedIn', 'session.signedOut'] : []),
    ...(version < 12 ? ['screening.recorded'] : []),
  ];
  if (tablesAt(db).includes('unprojected_types') && newer.length > 0)
    db.prepare(
      `INSERT INTO unprojected_types (type, count) SELECT type, count(*) FROM events
       WHERE type IN (SELECT value FROM json_each(?)) GROUP BY type`,
    ).run(JSON.stringify(newer));
  db.close();
}

test('a database holding data at every earlier schema version upgrades through every migration and keeps it all', async () => {
  const clock = steppingClock();
  const office = laptop(tempDir(), clock);
  const panel = laptop(tempDir(), clock);
  const [o, p] = await Promise.all([office.call('session.current', {}), panel.call('session.current', {})]);
  await office.call('devices.trust', { publicKey: p.device.publicKey, name: 'Panel' });
  await office.call('demo.load', {});
  const round = await panel.call('rounds.create', {
    fundId: 'acf',
    planId: 'pcp-2025-2029',
    name: 'Panel round',
    opens: '2026-11-01',
    closes: '2026-12-31',
  });
  await panel.call('applications.create', validDraft(round.id));
  // The same fund changed differently on each laptop: a conflict, resolved on the office's.
  const acf = async (c: TestCore) => (await c.call('catalogue.funds', {})).find((f) => f.id === 'acf')!;
  await panel.call('catalogue.saveFund', { ...(await acf(panel)), maxAwardPence: 300_000, confirmed: true });
  await office.call('catalogue.saveFund', { ...(await acf(office)), maxAwardPence: 400_000, confirmed: true });
  const file = join(tempDir(), 'panel.gpbundle');
  await panel.call('bundles.export', { file });
  await office.call('bundles.import', { file });
  const [conflict] = (await office.call('conflicts.list', {})).conflicts;
  // Its kept version (the panel's earlier change) is named: the upgrade must find it too.
  expect(conflict?.versions.kept).toMatchObject({ on: 'Panel', yours: false });
  await office.call('conflicts.resolve', { id: conflict!.id, choices: { maxAwardPence: 'incoming' } });
  expect(o.device.id).not.toBe(p.device.id);
  const events = eventKeys(office.ctx.db);
  office.ctx.projection.rebuild();
  const tables = projectionSnapshot(office.ctx.db);

  for (let version = 1; version < SCHEMA_VERSION; version++) {
    const dir = tempDir();
    databaseAt(version, office.ctx.db, join(dir, 'grantpanel.sqlite'));
    copyFileSync(join(office.dataDir, 'device-key.json'), join(dir, 'device-key.json'));
    const upgraded = laptop(dir, clock);
    const db = upgraded.ctx.db;
    expect(db.pragma('user_version', { simple: true }), `from version ${version}`).toBe(SCHEMA_VERSION);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(eventKeys(db), `from version ${version}`).toEqual(events);
    expect(verifyChain(db)).toEqual([]);
    // From version 6 on every projected table already existed: the upgrade alone leaves them as a rebuild writes them.
    if (version >= 6) expect(projectionSnapshot(db), `from version ${version}, before a rebuild`).toEqual(tables);
    upgraded.ctx.projection.rebuild();
    expect(projectionSnapshot(db), `from version ${version}`).toEqual(tables);
    // Version 1 kept no personal data, so no sealed sign-in either: as if a sealed bundle brought the officer's back.
    if (version < 2)
      for (const row of office.ctx.db.prepare('SELECT p.* FROM personal_data p JOIN credentials c ON c.secret = p.digest').all())
        db.prepare('INSERT OR IGNORE INTO personal_data (digest, salt, body) VALUES (@digest, @salt, @body)').run(row);
    // The trust this laptop gave stays its own; and it goes on working.
    expect((await upgraded.call('devices.list', {})).map((d) => d.name)).toEqual(['Panel']);
    await upgraded.call('rounds.create', {
      fundId: 'acf',
      planId: 'pcp-2025-2029',
      name: `After ${version}`,
      opens: '2026-11-01',
      closes: '2026-12-31',
    });
  }
});
