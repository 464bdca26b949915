// The roster of trusted laptops: exported signed by the office, checked and imported by a new
// laptop that trusts the office, all or nothing; readable with Debian's minisign.
import { afterEach, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzip } from '../support/unzip';
import { makeCore, tempDir, type TestCore } from '../support/core';
import { rosterOf } from '../../electron/core/bundles/roster';
import { writeZip } from '../../electron/core/bundles/zip';
import { minisignPublicKey, signMinisign } from '../../electron/core/crypto/minisign';
import { ROSTER_FILE, ROSTER_SIGNATURE_FILE, type Roster } from '../../shared/formats/roster';

const cores: TestCore[] = [];
const dirs: string[] = [];
afterEach(() => {
  cores.splice(0).forEach((c) => c.dispose());
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
  forgeries = undefined;
});
/** A folder for files outside any laptop's data folder, removed after the test. */
const scratch = () => {
  const d = tempDir('grantpanel-roster-');
  dirs.push(d);
  return d;
};
let forged = 0;
let forgeries: string | undefined;
const laptop = () => {
  const c = makeCore();
  cores.push(c);
  return c;
};

const keyOf = (c: TestCore) => minisignPublicKey(c.ctx.device.publicKey);
const trust = (who: TestCore, whom: TestCore, name: string) => who.call('devices.trust', { publicKey: keyOf(whom), name });
const trustedIds = (c: TestCore) =>
  (c.ctx.db.prepare('SELECT device_id FROM trusted_devices ORDER BY device_id').all() as { device_id: string }[]).map((r) => r.device_id);
/** Everything an import could change: the event log and the trusted laptops. */
const snapshot = (c: TestCore) => ({
  events: c.ctx.db.prepare('SELECT device_id, seq, hash FROM events ORDER BY device_id, seq').all(),
  trusted: c.ctx.db.prepare('SELECT * FROM trusted_devices ORDER BY device_id').all(),
});

/** A roster file holding exactly these bytes, as a forger or a damaged stick would leave it. */
async function rosterFile(roster: Buffer, signature: Buffer | string, extra: { name: string; content: Buffer }[] = []): Promise<string> {
  const file = join((forgeries ??= scratch()), `forged-${++forged}.gproster`);
  await writeZip(file, [
    { name: ROSTER_FILE, content: roster },
    { name: ROSTER_SIGNATURE_FILE, content: Buffer.from(signature) },
    ...extra,
  ]);
  return file;
}

/** The office trusts two panel laptops and has imported the Coventry panel's work (so knows its person). */
async function office() {
  const hq = laptop();
  const coventry = laptop();
  const walsall = laptop();
  await trust(hq, coventry, 'Coventry panel laptop');
  await trust(hq, walsall, 'Walsall panel laptop');
  const bundle = join(scratch(), 'coventry.gpbundle');
  await coventry.call('bundles.export', { file: bundle });
  await hq.call('bundles.import', { file: bundle });
  const file = join(scratch(), 'office.gproster');
  const exported = await hq.call('roster.export', { file });
  return { hq, coventry, walsall, file, exported };
}

describe('roster', () => {
  test('a new laptop that trusts the office imports its roster, then accepts a panel’s bundle', async () => {
    const { hq, coventry, walsall, file, exported } = await office();
    expect(exported).toMatchObject({
      file: 'office.gproster',
      fromThisDevice: true,
      signerTrusted: true,
      exporter: { deviceId: hq.ctx.device.id, fingerprint: hq.ctx.device.fingerprint, personName: 'Grants officer' },
      newDevices: 0,
    });
    expect(exported.trustedComment).toMatch(
      new RegExp(`^GrantPanel roster from device ${hq.ctx.device.id} \\(.+\\) created .+, 3 laptops$`),
    );
    expect(exported.devices).toEqual([
      expect.objectContaining({ deviceId: hq.ctx.device.id, status: 'this-laptop', personName: 'Grants officer' }),
      expect.objectContaining({ deviceId: coventry.ctx.device.id, name: 'Coventry panel laptop', personName: 'Grants officer' }),
      expect.objectContaining({ deviceId: walsall.ctx.device.id, name: 'Walsall panel laptop', personName: null, status: 'trusted' }),
    ]);

    const newcomer = laptop();
    await trust(newcomer, hq, 'Office laptop');
    const checked = await newcomer.call('roster.verify', { file });
    expect(checked).toMatchObject({ fromThisDevice: false, signerTrusted: true, newDevices: 2 });
    expect(checked.devices.map((d) => d.status)).toEqual(['trusted', 'new', 'new']);
    expect(trustedIds(newcomer)).toEqual([hq.ctx.device.id]);

    const imported = await newcomer.call('roster.import', { file });
    expect(imported).toMatchObject({ added: 2, alreadyTrusted: 1 });
    expect(imported.devices.map((d) => d.status)).toEqual(['trusted', 'added', 'added']);
    expect(trustedIds(newcomer)).toEqual([hq.ctx.device.id, coventry.ctx.device.id, walsall.ctx.device.id].sort());
    // Trusting is recorded as events by this laptop's person, as when trusting by hand.
    const events = newcomer.ctx.db
      .prepare("SELECT actor, entity FROM events WHERE type = 'device.trusted' AND device_id = ? ORDER BY seq")
      .all(newcomer.ctx.device.id) as { actor: string; entity: string }[];
    expect(events.slice(1)).toEqual(
      [coventry, walsall].map((c) => ({ actor: newcomer.ctx.person.id, entity: `device:${c.ctx.device.id}` })),
    );

    await walsall.call('demo.load', {});
    const bundle = join(scratch(), 'walsall.gpbundle');
    await walsall.call('bundles.export', { file: bundle });
    expect((await newcomer.call('bundles.import', { file: bundle })).newEvents).toBeGreaterThan(0);
    expect((await newcomer.call('applications.list', { limit: 500 })).total).toBe(40);
  });

  test('importing the same roster twice adds nothing; the office importing its own roster adds nothing', async () => {
    const { hq, file } = await office();
    const newcomer = laptop();
    await trust(newcomer, hq, 'Office laptop');
    await newcomer.call('roster.import', { file });
    const after = snapshot(newcomer);
    expect(await newcomer.call('roster.import', { file })).toMatchObject({ added: 0, alreadyTrusted: 3 });
    expect(snapshot(newcomer)).toEqual(after);
    const own = snapshot(hq);
    expect(await hq.call('roster.import', { file })).toMatchObject({ added: 0, alreadyTrusted: 2 });
    expect(snapshot(hq)).toEqual(own);
  });

  test('a roster from a laptop not trusted here is refused with its fingerprint, and nothing changes', async () => {
    const { hq, file } = await office();
    const stranger = laptop();
    await stranger.ready();
    const before = snapshot(stranger);
    const result = await stranger.dispatch('roster.import', { file });
    expect(result).toMatchObject({ ok: false, error: { code: 'BUNDLE_SIGNATURE' } });
    const message = result.ok ? '' : result.error.message;
    expect(message).toContain(hq.ctx.device.fingerprint);
    expect(message).toContain(`grantpanel trust ${keyOf(hq)}`);
    expect(snapshot(stranger)).toEqual(before);
    expect(stranger.ctx.db.inTransaction).toBe(false);
    // Checking it is allowed, and says the signer is not trusted.
    expect(await stranger.call('roster.verify', { file })).toMatchObject({ signerTrusted: false, newDevices: 3 });
  });

  test('any changed byte of roster.json is refused as damage; nothing is trusted', async () => {
    const { hq, file } = await office();
    const newcomer = laptop();
    await trust(newcomer, hq, 'Office laptop');
    const before = snapshot(newcomer);
    const { [ROSTER_FILE]: roster = Buffer.alloc(0), [ROSTER_SIGNATURE_FILE]: signature = Buffer.alloc(0) } = await unzip(file);
    // Every position, one bit flipped: each must be refused, none may trust anyone.
    const codes = new Set<string>();
    for (let i = 0; i < roster.length; i++) {
      const changed = Buffer.from(roster);
      changed[i] = (changed[i] ?? 0) ^ 0x01;
      const result = await newcomer.dispatch('roster.import', { file: await rosterFile(changed, signature) });
      expect(result.ok, `byte ${i}`).toBe(false);
      if (!result.ok) codes.add(result.error.code);
    }
    expect([...codes]).toEqual(['BUNDLE_INVALID']);
    // A change that keeps the JSON valid is caught by the signature, and says so.
    const renamed = Buffer.from(roster.toString('utf8').replace('Walsall panel laptop', 'Walsall panel laptoq'));
    const result = await newcomer.dispatch('roster.import', { file: await rosterFile(renamed, signature) });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'BUNDLE_INVALID',
        message: expect.stringMatching(/signature does not match its contents .* changed after it was made/),
      },
    });
    expect(snapshot(newcomer)).toEqual(before);
  });

  test('a listed laptop whose device id is not its key’s is refused, naming the row, even when signed', async () => {
    const { hq, coventry, walsall } = await office();
    const newcomer = laptop();
    await trust(newcomer, hq, 'Office laptop');
    const before = snapshot(newcomer);
    const roster = rosterOf(hq.ctx);
    const walsallRow = roster.devices[2]!;
    expect(walsallRow.deviceId).toBe(walsall.ctx.device.id);
    // Walsall's id and fingerprint, Coventry's key: trusting it would trust the wrong laptop.
    roster.devices[2] = { ...walsallRow, publicKey: keyOf(coventry) };
    const bytes = Buffer.from(JSON.stringify(roster, null, 2));
    const signature = signMinisign({ secretKey: hq.ctx.device.secretKey, message: bytes, trustedComment: 'GrantPanel roster' });
    const file = await rosterFile(bytes, signature);
    const result = await newcomer.dispatch('roster.import', { file });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'BUNDLE_INVALID',
        message: expect.stringContaining(`laptop 3 in its list (“Walsall panel laptop”, device ${walsall.ctx.device.id})`),
      },
    });
    expect(snapshot(newcomer)).toEqual(before);
  });

  test('not a zip, the wrong files, the wrong name or an existing file: refused with a reason', async () => {
    const { hq, file } = await office();
    const dir = scratch();
    const junk = join(dir, 'junk.gproster');
    writeFileSync(junk, 'not a zip');
    expect(await hq.dispatch('roster.verify', { file: junk })).toMatchObject({
      ok: false,
      error: { code: 'BUNDLE_INVALID', message: expect.stringContaining('not a GrantPanel roster') },
    });
    const { [ROSTER_FILE]: roster = Buffer.alloc(0), [ROSTER_SIGNATURE_FILE]: signature = Buffer.alloc(0) } = await unzip(file);
    const extra = await rosterFile(roster, signature, [{ name: 'events.ndjson', content: Buffer.from('') }]);
    expect(await hq.dispatch('roster.verify', { file: extra })).toMatchObject({
      ok: false,
      error: { code: 'BUNDLE_INVALID', message: expect.stringContaining('should hold exactly roster.json, roster.json.minisig') },
    });
    const notJson = await rosterFile(Buffer.from('{"format":'), signature);
    expect(await hq.dispatch('roster.verify', { file: notJson })).toMatchObject({
      ok: false,
      error: { code: 'BUNDLE_INVALID', message: expect.stringContaining('roster.json is damaged') },
    });
    expect(await hq.dispatch('roster.export', { file: join(dir, 'office.gpbundle') })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: [{ field: 'file', message: 'Roster files end in .gproster' }] },
    });
    expect(await hq.dispatch('roster.import', { file: 'office.gproster' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await hq.dispatch('roster.export', { file })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('never overwrites') },
    });
    expect(await hq.dispatch('roster.verify', { file: join(dir, 'missing.gproster') })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  test('the roster carries laptops and people only: no applicants’ details', async () => {
    const { hq } = await office();
    await hq.call('demo.load', {});
    const file = join(scratch(), 'with-demo.gproster');
    await hq.call('roster.export', { file });
    const text = (await unzip(file))[ROSTER_FILE]?.toString('utf8') ?? '';
    const roster = JSON.parse(text) as Roster;
    expect(Object.keys(roster).sort()).toEqual(['createdAt', 'devices', 'exporter', 'format', 'formatVersion']);
    const application = (await hq.call('applications.list', { limit: 1 })).rows[0]!;
    expect(text).not.toContain(application.organisationName);
    expect(text).not.toContain('@');
  });
});

describe('the office key comes with the office’s roster', () => {
  const sealKeyOf = async (c: TestCore) => (await c.call('session.current', {})).device.sealRecipient;

  test('a laptop that imports the office’s roster protects bundles to the office without anyone typing age1…', async () => {
    const { hq, file } = await office();
    const newcomer = laptop();
    await trust(newcomer, hq, 'Office laptop');
    expect(await newcomer.call('bundles.officeKey', {})).toBeNull();
    // Without it, "the office key" is refused with what to do, and nothing is written.
    const early = join(scratch(), 'early.gpbundle.age');
    expect(await newcomer.dispatch('bundles.export', { file: early, office: true })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: [{ field: 'to', message: expect.stringContaining('import the office’s roster') }] },
    });
    expect(existsSync(early)).toBe(false);

    const checked = await newcomer.call('roster.verify', { file });
    expect(checked).toMatchObject({ sealKey: await sealKeyOf(hq), officeKey: 'new' });
    expect(await newcomer.call('roster.import', { file })).toMatchObject({ officeKeySet: true });
    expect(await newcomer.call('bundles.officeKey', {})).toMatchObject({
      sealKey: await sealKeyOf(hq),
      laptop: 'Office laptop',
      deviceId: hq.ctx.device.id,
    });

    await newcomer.call('demo.load', {});
    const sealed = join(scratch(), 'to-office.gpbundle.age');
    expect((await newcomer.call('bundles.export', { file: sealed, office: true })).personalRecords).toBeGreaterThan(0);
    // Only the office opens it.
    await trust(hq, newcomer, 'New panel laptop');
    expect((await hq.call('bundles.import', { file: sealed })).newEvents).toBeGreaterThan(0);
    const other = laptop();
    await trust(other, newcomer, 'New panel laptop');
    expect(await other.dispatch('bundles.verify', { file: sealed })).toMatchObject({ ok: false });
  });

  test('a roster whose key was swapped after signing is refused, and the office key stays', async () => {
    const { hq, coventry, file } = await office();
    const newcomer = laptop();
    await trust(newcomer, hq, 'Office laptop');
    await newcomer.call('roster.import', { file });
    const parts = await unzip(file);
    const swapped = Buffer.from(parts[ROSTER_FILE]!.toString('utf8').replace(await sealKeyOf(hq), await sealKeyOf(coventry)));
    expect(swapped.toString('utf8')).toContain(await sealKeyOf(coventry));
    const before = snapshot(newcomer);
    const result = await newcomer.dispatch('roster.import', { file: await rosterFile(swapped, parts[ROSTER_SIGNATURE_FILE]!) });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'BUNDLE_INVALID', message: expect.stringContaining('signature does not match') },
    });
    expect((await newcomer.call('bundles.officeKey', {}))?.sealKey).toBe(await sealKeyOf(hq));
    expect(snapshot(newcomer)).toEqual(before);
  });

  test('another trusted laptop’s roster, signed by it, does not replace the office key; a newer one from the office does', async () => {
    const { hq, coventry, file } = await office();
    const newcomer = laptop();
    await trust(newcomer, hq, 'Office laptop');
    await trust(newcomer, coventry, 'Coventry panel laptop');
    await newcomer.call('roster.import', { file });
    const fromCoventry = join(scratch(), 'coventry.gproster');
    await coventry.call('roster.export', { file: fromCoventry });
    expect(await newcomer.call('roster.verify', { file: fromCoventry })).toMatchObject({ officeKey: 'kept' });
    expect(await newcomer.call('roster.import', { file: fromCoventry })).toMatchObject({ officeKeySet: false });
    expect((await newcomer.call('bundles.officeKey', {}))?.deviceId).toBe(hq.ctx.device.id);
    // The office's own newer roster, same key: nothing to replace.
    const newer = join(scratch(), 'office-2.gproster');
    await hq.call('roster.export', { file: newer });
    expect(await newcomer.call('roster.verify', { file: newer })).toMatchObject({ officeKey: 'same' });
  });

  test('once the office is no longer trusted here, its key is not used', async () => {
    const { hq, file } = await office();
    const newcomer = laptop();
    await trust(newcomer, hq, 'Office laptop');
    await newcomer.call('roster.import', { file });
    await newcomer.call('devices.revoke', { deviceId: hq.ctx.device.id, reason: 'Reported stolen' });
    expect(await newcomer.call('bundles.officeKey', {})).toBeNull();
    expect(await newcomer.dispatch('bundles.export', { file: join(scratch(), 'x.gpbundle.age'), office: true })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });

  test('a version 1 roster (no key) is still read and imported; it sets no office key', async () => {
    const { hq } = await office();
    const newcomer = laptop();
    await trust(newcomer, hq, 'Office laptop');
    const bytes = Buffer.from(JSON.stringify(rosterOf(hq.ctx), null, 2));
    expect(JSON.parse(bytes.toString('utf8'))).toMatchObject({ formatVersion: 1 });
    const signature = signMinisign({ secretKey: hq.ctx.device.secretKey, message: bytes, trustedComment: 'GrantPanel roster' });
    const old = await rosterFile(bytes, signature);
    expect(await newcomer.call('roster.import', { file: old })).toMatchObject({ added: 2, officeKeySet: false });
    expect(await newcomer.call('bundles.officeKey', {})).toBeNull();
  });
});

const hasMinisign = spawnSync('minisign', ['-v'], { encoding: 'utf8' }).error === undefined;

describe.skipIf(!hasMinisign)("interoperability with Debian's minisign", () => {
  test('minisign -V -P OFFICE_KEY -m roster.json accepts the roster and refuses a changed one', async () => {
    const { hq, file, exported } = await office();
    const dir = scratch();
    const parts = await unzip(file);
    for (const [name, content] of Object.entries(parts)) writeFileSync(join(dir, name), content);
    const minisign = (...args: string[]) => spawnSync('minisign', args, { cwd: dir, input: '', encoding: 'utf8', timeout: 30_000 });
    const good = minisign('-V', '-P', keyOf(hq), '-m', ROSTER_FILE);
    expect(good.status, `${good.stdout}${good.stderr}`).toBe(0);
    expect(good.stdout).toContain(`Trusted comment: ${exported.trustedComment}\n`);
    writeFileSync(join(dir, ROSTER_FILE), readFileSync(join(dir, ROSTER_FILE), 'utf8').replace('Walsall', 'Wolverhampton'));
    expect(minisign('-V', '-P', keyOf(hq), '-m', ROSTER_FILE).status).not.toBe(0);
  });
});
