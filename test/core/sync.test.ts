import { afterEach, expect, test } from 'vitest';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeCore, tempDir, type TestCore } from '../support/core';
import { PROJECTED_TABLES } from '../../shared/domain/kinds';
import { verifyChain } from '../../electron/core/events/verify';
import { validDraft } from '../support/drafts';
import { checkSignedHead } from '../../electron/core/bundles/heads';
import type { SignedHead } from '../../shared/formats/bundle';

const cores: TestCore[] = [];
afterEach(() => cores.splice(0).forEach((c) => c.dispose()));
const laptop = (dir?: string) => {
  const c = makeCore(dir);
  cores.push(c);
  return c;
};
const exportFrom = async (c: TestCore, name = 'b.gpbundle') => {
  const file = join(tempDir(), name);
  await c.call('bundles.export', { file });
  return file;
};
const trust = async (who: TestCore, whom: TestCore) => {
  const { device } = await whom.call('session.current', {});
  await who.call('devices.trust', { publicKey: device.publicKey, name: 'Other laptop' });
};
const snapshot = (c: TestCore) =>
  Object.fromEntries(PROJECTED_TABLES.map((t) => [t, c.ctx.db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()]));
/** A copy of a laptop's whole data folder, as a backup restored elsewhere would be. */
const copyOf = (c: TestCore) => {
  const dir = tempDir();
  c.ctx.db.exec(`VACUUM INTO '${join(dir, 'grantpanel.sqlite')}'`);
  for (const f of ['device-key.json', 'seal-key.txt']) if (existsSync(join(c.dataDir, f))) copyFileSync(join(c.dataDir, f), join(dir, f));
  return dir;
};
const events = (c: TestCore) => (c.ctx.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;

test('a bundle from a laptop not yet trusted is refused with its fingerprint, and nothing changes', async () => {
  const office = laptop();
  const panel = laptop();
  await office.call('demo.load', {});
  const file = await exportFrom(office);
  await panel.ready();
  const before = events(panel);
  const result = await panel.dispatch('bundles.import', { file });
  expect(result).toMatchObject({
    ok: false,
    error: { code: 'BUNDLE_SIGNATURE', message: expect.stringContaining(office.ctx.device.fingerprint) },
  });
  expect(events(panel)).toBe(before);
  expect(panel.ctx.db.inTransaction).toBe(false);
});

test('a trusted laptop’s bundle brings its applications; contact details stay behind; importing twice changes nothing', async () => {
  const office = laptop();
  const panel = laptop();
  await office.call('demo.load', {});
  await trust(panel, office);
  const file = await exportFrom(office);
  const first = await panel.call('bundles.import', { file });
  expect(first).toMatchObject({ newEvents: events(office), knownEvents: 0, gaps: [] });
  const list = await panel.call('applications.list', { limit: 500 });
  expect(list.total).toBe(40);
  expect(await panel.call('applications.get', { id: list.rows[0]!.id })).toMatchObject({ contactHeld: false, contactEmail: '' });
  const after = snapshot(panel);
  const again = await panel.call('bundles.import', { file });
  expect(again).toMatchObject({ newEvents: 0, knownEvents: events(office) });
  expect(snapshot(panel)).toEqual(after);
  expect(verifyChain(panel.ctx.db)).toEqual([]);
});

test('two laptops that exchange bundles either way round end with identical tables', async () => {
  const a = laptop();
  const b = laptop();
  await trust(a, b);
  await trust(b, a);
  const roundA = await a.call('rounds.create', {
    fundId: 'acf',
    planId: 'pcp-2025-2029',
    name: 'Round A',
    opens: '2026-11-01',
    closes: '2026-12-31',
  });
  await a.call('applications.create', validDraft(roundA.id));
  await b.call('catalogue.saveArea', {
    id: 'birmingham-east',
    name: 'Birmingham East',
    onsCode: null,
    localAuthority: 'Birmingham City Council',
    adding: true,
  });
  const roundB = await b.call('rounds.create', {
    fundId: 'csf',
    planId: 'pcp-2021-2025',
    name: 'Round B',
    opens: '2026-11-01',
    closes: '2026-12-31',
  });
  await b.call('applications.create', validDraft(roundB.id, { priorityIds: ['pcp-2021-2025:VAWG'] }));
  const fromA = await exportFrom(a, 'a.gpbundle');
  const fromB = await exportFrom(b, 'b.gpbundle');
  await a.call('bundles.import', { file: fromB });
  await b.call('bundles.import', { file: fromA });
  const tablesA = snapshot(a);
  expect(tablesA).toEqual(snapshot(b));
  // Both laptops numbered their application ACF/CSF-2026-0001: no clash, both arrive.
  expect((await a.call('applications.list', {})).total).toBe(2);
  // A third exchange in the other direction still changes nothing.
  await a.call('bundles.import', { file: await exportFrom(b, 'b2.gpbundle') });
  expect(snapshot(a)).toEqual(tablesA);
});

test('a laptop that signed two versions of its log (equivocation) is refused loudly, nothing changes, and the evidence is kept', async () => {
  const office = laptop();
  const panel = laptop();
  await trust(panel, office);
  await panel.call('bundles.import', { file: await exportFrom(office) });
  // The office's data folder copied (restored from a backup, say): the same key and numbers, and
  // from here on different events, each version signed by the office's own key.
  const twin = laptop(copyOf(office));
  for (const [core, name] of [
    [office, 'Office round'],
    [twin, 'Twin round'],
  ] as const) {
    await core.call('rounds.create', { fundId: 'acf', planId: 'pcp-2025-2029', name, opens: '2026-11-01', closes: '2026-12-31' });
  }
  await panel.call('bundles.import', { file: await exportFrom(office) });
  const before = snapshot(panel);
  const count = events(panel);
  const result = await panel.dispatch('bundles.import', { file: await exportFrom(twin) });
  expect(result).toMatchObject({
    ok: false,
    error: {
      code: 'BUNDLE_INVALID',
      message: expect.stringMatching(/^EQUIVOCATION: device [0-9a-f]{16} \(Other laptop\) has signed two different versions of its log/),
    },
  });
  expect(events(panel)).toBe(count);
  expect(snapshot(panel)).toEqual(before);
  const evidence = panel.ctx.db.prepare('SELECT device_id, held_head, incoming_head FROM equivocations').all() as {
    device_id: string;
    held_head: string;
    incoming_head: string;
  }[];
  expect(evidence).toHaveLength(1);
  expect(evidence[0]!.device_id).toBe(office.ctx.device.id);
  const [held, incoming] = [JSON.parse(evidence[0]!.held_head), JSON.parse(evidence[0]!.incoming_head)] as SignedHead[];
  expect(held!.seq).toBe(incoming!.seq);
  expect(held!.hash).not.toBe(incoming!.hash);
  for (const head of [held!, incoming!]) expect(() => checkSignedHead(head)).not.toThrow();
});

test('a damaged bundle is refused with its reason and the database is untouched', async () => {
  const office = laptop();
  const panel = laptop();
  await office.call('demo.load', {});
  await trust(panel, office);
  const file = await exportFrom(office);
  const bytes = readFileSync(file);
  const middle = Math.floor(bytes.length / 2);
  bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
  writeFileSync(file, bytes);
  const count = events(panel);
  const result = await panel.dispatch('bundles.import', { file });
  expect(result).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^BUNDLE_/) } });
  expect(events(panel)).toBe(count);
  expect(panel.ctx.db.inTransaction).toBe(false);
});

test('trusting needs a real device key, and not this laptop’s own', async () => {
  const a = laptop();
  expect(await a.dispatch('devices.trust', { publicKey: 'hello' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  const { device } = await a.call('session.current', {});
  expect(await a.dispatch('devices.trust', { publicKey: device.publicKey })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
});

test('exporting for a laptop leaves out what it has acknowledged, and the smaller bundle still links up', async () => {
  const office = laptop();
  const panel = laptop();
  await trust(office, panel);
  await trust(panel, office);
  await office.call('demo.load', {});
  await panel.call('bundles.import', { file: await exportFrom(office, 'all.gpbundle') });
  // The panel's bundle tells the office what the panel holds.
  await office.call('bundles.import', { file: await exportFrom(panel, 'panel.gpbundle') });
  const round = (await office.call('rounds.list', {}))[0]!;
  await office.call('applications.withdraw', {
    id: (await office.call('applications.list', { roundId: round.id, limit: 1 })).rows[0]!.id,
    reason: 'Folded',
  });
  const panelId = panel.ctx.device.id;
  const deltaFile = join(tempDir(), 'delta.gpbundle');
  const delta = await office.call('bundles.export', { file: deltaFile, for: panelId });
  expect(delta.eventCount).toBe(1);
  const top = (office.ctx.db.prepare('SELECT max(seq) AS n FROM events WHERE device_id = ?').get(office.ctx.device.id) as { n: number }).n;
  expect(delta.devices).toEqual([
    { deviceId: office.ctx.device.id, fromSeq: top, toSeq: top, headHash: expect.stringMatching(/^[0-9a-f]{64}$/) },
  ]);
  const result = await panel.call('bundles.import', { file: deltaFile });
  expect(result).toMatchObject({ newEvents: 1, gaps: [] });
  expect(snapshot(panel)).toEqual(snapshot(office));
  expect(await office.dispatch('bundles.export', { file: join(tempDir(), 'x.gpbundle'), for: 'ffffffffffffffff' })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND' },
  });
});

test('a laptop set up later never undoes catalogue edits made earlier elsewhere', async () => {
  const office = laptop();
  const acf = (await office.call('catalogue.funds', {})).find((f) => f.id === 'acf')!;
  await office.call('catalogue.saveFund', { ...acf, maxAwardPence: 300_000 });
  const newcomer = laptop(); // seeds its catalogue now, after the office's edit
  await trust(office, newcomer);
  await trust(newcomer, office);
  await office.call('bundles.import', { file: await exportFrom(newcomer, 'new.gpbundle') });
  await newcomer.call('bundles.import', { file: await exportFrom(office, 'office.gpbundle') });
  for (const c of [office, newcomer])
    expect((await c.call('catalogue.funds', {})).find((f) => f.id === 'acf')?.maxAwardPence).toBe(300_000);
  expect(snapshot(office)).toEqual(snapshot(newcomer));
});

test('the bundles folder suggests a new file each time and lists arriving bundles newest first; trusted laptops are listed by name', async () => {
  const office = laptop();
  const panel = laptop();
  const first = await office.call('bundles.folder', {});
  expect(first.folder).toBe(join(office.dataDir, 'bundles'));
  expect(first.files).toEqual([]);
  expect(first.suggestedName).toMatch(new RegExp(`^grantpanel-${office.ctx.device.id.slice(0, 8)}-\\d{4}-\\d{2}-\\d{2}\\.gpbundle$`));
  const path = join(first.folder, first.suggestedName);
  await office.call('bundles.export', { file: path });
  const second = await office.call('bundles.folder', {});
  // Listed by name, with an id to open it by: never its path.
  expect(second.files.map((f) => f.name)).toEqual([first.suggestedName]);
  expect(second.files[0]?.file).toMatch(/^f-[\w-]{32}$/);
  expect(second.suggestedName).not.toBe(first.suggestedName);
  expect((await office.call('bundles.verify', { file: second.files[0]!.file })).file).toBe(first.suggestedName);

  // Checking a bundle says whether its sender is trusted, and gives the key to trust it by.
  const checked = await panel.call('bundles.verify', { file: path });
  expect(checked).toMatchObject({ trusted: false, exporter: { deviceId: office.ctx.device.id } });
  await panel.call('devices.trust', { publicKey: checked.exporter.publicKey, name: 'Office laptop' });
  expect(await panel.call('bundles.verify', { file: path })).toMatchObject({ trusted: true });
  expect(await panel.call('devices.list', {})).toEqual([
    { deviceId: office.ctx.device.id, fingerprint: office.ctx.device.fingerprint, name: 'Office laptop' },
  ]);
});

test('exporting and importing report their progress while they run, and nothing once done', async () => {
  const office = laptop();
  const panel = laptop();
  await office.call('demo.load', {});
  await trust(panel, office);
  const watch = async (c: TestCore, work: Promise<unknown>) => {
    const seen = new Set<string>();
    let finished = false;
    void work.finally(() => (finished = true));
    while (!finished) {
      const p = await c.call('bundles.progress', {});
      if (p) {
        expect(p.total === null || p.done <= p.total).toBe(true);
        seen.add(`${p.task}: ${p.phase}`);
      }
      await new Promise((r) => setImmediate(r));
    }
    await work;
    expect(await c.call('bundles.progress', {})).toBeNull();
    return [...seen];
  };
  const file = join(tempDir(), 'office.gpbundle');
  expect(await watch(office, office.call('bundles.export', { file }))).toEqual(
    expect.arrayContaining(['export: Writing changes', 'export: Checking the bundle as a recipient will']),
  );
  expect(await watch(panel, panel.call('bundles.import', { file }))).toEqual(
    expect.arrayContaining(['import: Checking and importing changes']),
  );
});

test('a person chooses which version of a laptop’s log the office accepts; the choice travels and nobody is locked out', async () => {
  const office = laptop();
  const panel = laptop();
  const other = laptop();
  for (const [who, whom] of [
    [panel, office],
    [other, office],
    [other, panel],
  ] as const)
    await trust(who, whom);
  // The office laptop is restored from a backup onto a new machine (the twin) and goes on working
  // there (its first change of a session is its officer's sign-in), while the old one, still in the
  // session it was in, also made a change: two versions of the office's log.
  await office.call('catalogue.saveArea', { id: 'area-x', name: 'Hills', onsCode: null, localAuthority: 'Somewhere', adding: true });
  const twin = laptop(copyOf(office));
  await office.call('rounds.create', {
    fundId: 'acf',
    planId: 'pcp-2025-2029',
    name: 'Old laptop round',
    opens: '2026-11-01',
    closes: '2026-12-31',
  });
  await twin.call('rounds.create', {
    fundId: 'acf',
    planId: 'pcp-2025-2029',
    name: 'Twin round',
    opens: '2026-11-01',
    closes: '2026-12-31',
  });
  const fromOld = await exportFrom(office, 'old.gpbundle');
  const fromTwin = await exportFrom(twin, 'twin.gpbundle');
  for (const laptop of [panel, other]) await laptop.call('bundles.import', { file: fromOld });
  expect(await panel.dispatch('bundles.import', { file: fromTwin })).toMatchObject({
    ok: false,
    error: { message: expect.stringMatching(/^EQUIVOCATION/) },
  });
  const [evidence] = (await panel.call('sync.status', {})).equivocations;
  expect(evidence).toMatchObject({
    deviceId: office.ctx.device.id,
    laptop: 'Other laptop',
    choice: null,
    held: { change: { what: 'round added: Old laptop round' } },
    // Each version went on in a session of its own: what is shown is the first change past the sign-ins.
    incoming: { change: { what: 'round added: Twin round' } },
  });
  // The twin's version is one longer: its officer's sign-in.
  expect(evidence!.incoming.seq).toBe(evidence!.held.seq + 1);

  // The grants officer accepts the twin's version: the same bundle now imports, replacing the other.
  await panel.call('devices.chooseVersion', { deviceId: office.ctx.device.id, seq: evidence!.seq, version: 'incoming' });
  expect(await panel.call('bundles.import', { file: fromTwin })).toMatchObject({ leftOut: 0 });
  const names = async (c: TestCore) => (await c.call('rounds.list', {})).map((r) => r.name);
  expect(await names(panel)).toContain('Twin round');
  expect(await names(panel)).not.toContain('Old laptop round');
  expect((await panel.call('sync.status', {})).equivocations[0]).toMatchObject({ choice: 'incoming' });
  // The old version arriving again is left out, not refused: nobody is cut off.
  expect((await panel.call('bundles.import', { file: fromOld })).leftOut).toBeGreaterThan(0);
  expect(verifyChain(panel.ctx.db)).toEqual([]);

  // The choice travels: a laptop holding the old version takes the panel's bundle whole.
  await other.call('bundles.import', { file: await exportFrom(panel, 'panel.gpbundle') });
  expect(await names(other)).toContain('Twin round');
  expect(await names(other)).not.toContain('Old laptop round');
  await trust(panel, other);
  await panel.call('bundles.import', { file: await exportFrom(other, 'other.gpbundle') });
  await other.call('bundles.import', { file: await exportFrom(panel, 'panel-again.gpbundle') });
  expect(snapshot(other)).toEqual(snapshot(panel));
  expect(verifyChain(other.ctx.db)).toEqual([]);
});
