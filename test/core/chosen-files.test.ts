// Files are chosen, not typed: the core reads and writes only files a person chose (or it made in
// the data folder), named by ids it gave. Whatever a page sends instead — a path, a forged or
// stale id, an id chosen for another use — is refused with a plain message and changes nothing.
import { afterEach, describe, expect, test } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { makeCore, tempDir, type TestCore } from '../support/core';
import { ChosenFiles } from '../../electron/core/files/chosen';
import { clearTransferFolders, INCOMING_FOLDER, OUTGOING_FOLDER, receiveUpload } from '../../electron/core/files/transfer';
import { FILE_KINDS } from '../../shared/contract/files';

const cores: TestCore[] = [];
const dirs: string[] = [];
afterEach(() => {
  cores.splice(0).forEach((c) => c.dispose());
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});
const laptop = () => {
  const c = makeCore();
  cores.push(c);
  return c;
};
const scratch = () => {
  const d = tempDir('grantpanel-chosen-');
  dirs.push(d);
  return d;
};
const snapshot = (c: TestCore) => ({
  events: c.ctx.db.prepare('SELECT device_id, seq, hash FROM events ORDER BY device_id, seq').all(),
  trusted: c.ctx.db.prepare('SELECT * FROM trusted_devices ORDER BY device_id').all(),
});
const refusedFile = (message: RegExp) => ({
  ok: false,
  error: { code: 'VALIDATION', details: [{ field: 'file', message: expect.stringMatching(message) }] },
});

describe('a page names files only by the ids the core gave', () => {
  test('a path, a relative path, ../, a forged id, or an id of the right shape never given: refused, nothing read or written', async () => {
    const core = laptop();
    const dir = scratch();
    const existing = join(dir, 'real.gpbundle');
    await core.call('bundles.export', { file: existing });
    const before = snapshot(core);
    const target = join(dir, 'written-by-a-page.gpbundle');
    for (const file of [
      existing,
      target,
      'real.gpbundle',
      '../../etc/passwd',
      `${core.dataDir}/device-key.json`,
      'f-../../../../etc/passwd.gpbundle......',
      `f-${'A'.repeat(32)}`,
      '',
    ]) {
      for (const method of ['bundles.verify', 'bundles.import', 'roster.verify', 'roster.import'] as const)
        expect(await core.pageDispatch(method, { file }), `${method} ${file}`).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(await core.pageDispatch('bundles.export', { file })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(await core.pageDispatch('roster.export', { file })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir)).toEqual(['real.gpbundle']);
    // The id's shape is right but the core never gave it: "choose it again", in plain words.
    expect(await core.pageDispatch('bundles.verify', { file: `f-${'A'.repeat(32)}` })).toMatchObject(refusedFile(/^Choose the file again/));
    expect(snapshot(core)).toEqual(before);
  });

  test('an id chosen for saving cannot be read; one chosen for opening cannot be written; a roster is not a bundle', async () => {
    const core = laptop();
    const dir = scratch();
    const bundle = join(dir, 'a.gpbundle');
    await core.call('bundles.export', { file: bundle });
    const before = snapshot(core);
    const files = core.ctx.files;
    const forSaving = files.choose(bundle, 'write', 'bundle', 'dialog').id;
    const forOpening = files.choose(bundle, 'read', 'bundle', 'dialog').id;
    const aRoster = files.choose(join(dir, 'x.gproster'), 'read', 'roster', 'dialog').id;
    const contentBefore = readFileSync(bundle);

    expect(await core.pageDispatch('bundles.verify', { file: forSaving })).toMatchObject(refusedFile(/chosen for saving, not opening/));
    expect(await core.pageDispatch('bundles.import', { file: forSaving })).toMatchObject(refusedFile(/chosen for saving, not opening/));
    expect(await core.pageDispatch('bundles.export', { file: forOpening })).toMatchObject(refusedFile(/chosen for opening, not saving/));
    expect(await core.pageDispatch('roster.export', { file: forOpening })).toMatchObject(
      refusedFile(/GrantPanel bundle, not a GrantPanel roster/),
    );
    expect(await core.pageDispatch('bundles.import', { file: aRoster })).toMatchObject(
      refusedFile(/GrantPanel roster, not a GrantPanel bundle/),
    );
    expect(readFileSync(bundle)).toEqual(contentBefore);
    expect(snapshot(core)).toEqual(before);

    // Rightly used, the same ids work.
    expect(await core.pageDispatch('bundles.verify', { file: forOpening })).toMatchObject({ ok: true, value: { file: 'a.gpbundle' } });
  });

  test('ids are this run’s only: after a restart, an old id is refused', async () => {
    const dataDir = tempDir();
    const first = makeCore(dataDir);
    const file = join(scratch(), 'a.gpbundle');
    await first.call('bundles.export', { file });
    const id = first.ctx.files.choose(file, 'read', 'bundle', 'dialog').id;
    first.close();
    const again = makeCore(dataDir);
    cores.push(again);
    expect(await again.pageDispatch('bundles.verify', { file: id })).toMatchObject(refusedFile(/^Choose the file again/));
  });

  test('ids are random and unguessable, one per file and use', () => {
    const files = new ChosenFiles();
    const a = files.choose('/media/usb/a.gpbundle', 'read', 'bundle', 'dialog');
    expect(a.id).toMatch(/^f-[A-Za-z0-9_-]{32}$/);
    expect(files.choose('/media/usb/a.gpbundle', 'read', 'bundle', 'dialog')).toBe(a);
    expect(files.choose('/media/usb/a.gpbundle', 'write', 'bundle', 'dialog').id).not.toBe(a.id);
    expect(() => files.choose('relative.gpbundle', 'read', 'bundle', 'dialog')).toThrow(/absolute/);
  });

  test('a Save dialog’s file may replace one there (the dialog asked); at the terminal, never', async () => {
    const core = laptop();
    const dir = scratch();
    const file = join(dir, 'twice.gpbundle');
    await core.call('bundles.export', { file });
    expect(await core.dispatch('bundles.export', { file })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const chosen = core.ctx.files.choose(file, 'write', 'bundle', 'dialog').id;
    expect(await core.pageDispatch('bundles.export', { file: chosen })).toMatchObject({ ok: true, value: { file: 'twice.gpbundle' } });
    expect(readdirSync(dir)).toEqual(['twice.gpbundle']);
    // The name chosen must say what it holds: a protected bundle ends .gpbundle.age.
    expect(await core.pageDispatch('bundles.export', { file: chosen, passphrase: 'granite otter lantern' })).toMatchObject(
      refusedFile(/^Protected bundle files end in \.gpbundle\.age$/),
    );
  });
});

describe('browser mode: uploads and downloads live in the data folder', () => {
  test('files.create makes a file in outgoing only; a name with a folder in it is refused', async () => {
    const core = laptop();
    const made = await core.call('files.create', { purpose: 'bundle', name: 'to-office.gpbundle' });
    expect(made.name).toBe('to-office.gpbundle');
    const path = core.ctx.files.get(made.file)!.path;
    expect(path.startsWith(join(core.dataDir, OUTGOING_FOLDER))).toBe(true);
    expect(await core.pageDispatch('bundles.export', { file: made.file })).toMatchObject({ ok: true });
    expect(existsSync(path)).toBe(true);
    for (const name of ['../escape.gpbundle', '/etc/x.gpbundle', '..\\x.gpbundle', 'a/b.gpbundle', '.hidden.gpbundle', 'no-ending.txt'])
      expect(await core.pageDispatch('files.create', { purpose: 'bundle', name }), name).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
    // Forgetting a file the core made deletes it.
    expect(await core.call('files.forget', { file: made.file })).toEqual({ forgotten: true });
    expect(existsSync(path)).toBe(false);
  });

  test('an upload streams to incoming; over its kind’s limit it is refused and its partial file deleted', async () => {
    const core = laptop();
    const files = core.ctx.files;
    const small = await receiveUpload(files, core.dataDir, Readable.from([Buffer.from('a,b\n')]), 'csv', 'apps.csv');
    expect(readFileSync(files.get(small.file)!.path, 'utf8')).toBe('a,b\n');
    const limit = FILE_KINDS.roster.maxUploadBytes;
    const chunks = function* () {
      for (let sent = 0; sent <= limit; sent += 64 * 1024) yield Buffer.alloc(64 * 1024);
    };
    await expect(receiveUpload(files, core.dataDir, Readable.from(chunks()), 'roster', 'big.gproster')).rejects.toMatchObject({
      code: 'TOO_LARGE',
      message: expect.stringContaining('2 MB'),
    });
    await expect(receiveUpload(files, core.dataDir, Readable.from([]), 'roster', 'big.gproster', limit + 1)).rejects.toMatchObject({
      code: 'TOO_LARGE',
    });
    await expect(receiveUpload(files, core.dataDir, Readable.from([]), 'roster', '../x.gproster')).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(receiveUpload(files, core.dataDir, Readable.from([]), 'roster', 'x.gpbundle')).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'Roster files end in .gproster',
    });
    expect(readdirSync(join(core.dataDir, INCOMING_FOLDER))).toHaveLength(1);
  });

  test('what an earlier run left in incoming and outgoing is removed when the core opens', () => {
    const dataDir = scratch();
    for (const folder of [INCOMING_FOLDER, OUTGOING_FOLDER]) {
      rmSync(join(dataDir, folder), { recursive: true, force: true });
      mkdirSync(join(dataDir, folder));
      writeFileSync(join(dataDir, folder, '999999999-0123456789abcdef-old.gpbundle'), 'left over');
    }
    clearTransferFolders(dataDir);
    expect(readdirSync(join(dataDir, INCOMING_FOLDER))).toEqual([]);
    expect(readdirSync(join(dataDir, OUTGOING_FOLDER))).toEqual([]);
  });
});
