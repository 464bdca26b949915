// conflicts and resolve-conflict: two laptops change the same fund differently, then the command
// line lists the conflict and resolves it, in-process for the behaviour and the bundled CLI for
// the exit codes a shell sees.
import { afterAll, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConflictSummary } from '../../shared/contract/conflicts';
import { formatInstant } from '../../shared/domain/dates';
import { cliIn } from '../support/cli-in';
import { builtCommand, officerArgs } from '../support/built-cli';
import { makeCore, type TestCore } from '../support/core';
import { exportBundleTo, trustLaptop } from '../support/laptops';
import { steppingClock } from '../support/clock';

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'grantpanel-cli-conflicts-'));
  temps.push(dir);
  return dir;
}

async function send(from: TestCore, to: TestCore): Promise<void> {
  await to.call('bundles.import', { file: (await exportBundleTo(from, temp())).file });
}

const acf = async (c: TestCore) => (await c.call('catalogue.funds', {})).find((f) => f.id === 'acf')!;

/**
 * The office's data folder after the office and a Coventry panel laptop both changed the ACF fund's
 * maximum award and name, to different values, and the panel's bundle came in: one conflict, two fields.
 */
async function officeWithConflict(): Promise<string> {
  const clock = steppingClock();
  const office = makeCore(temp(), clock);
  const panel = makeCore(temp(), clock);
  await trustLaptop(office, panel, 'Coventry panel laptop');
  await trustLaptop(panel, office, 'Office');
  await send(office, panel);
  await send(panel, office);
  await office.call('catalogue.saveFund', { ...(await acf(office)), maxAwardPence: 400_000, name: 'Active Citizens Fund 2027' });
  await panel.call('catalogue.saveFund', { ...(await acf(panel)), maxAwardPence: 300_000, name: 'ACF West Midlands' });
  await send(panel, office);
  office.close();
  panel.close();
  return office.dataDir;
}

/** `grantpanel --data-dir DIR ARGS`, in-process. */
function laptop(dataDir: string) {
  const gp = cliIn(dataDir);
  const conflicts = async (...args: string[]) => JSON.parse((await gp('conflicts', '--format', 'json', ...args)).out) as ConflictSummary[];
  const fund = async () =>
    (JSON.parse((await gp('list', 'funds', '--format', 'json')).out) as { id: string }[]).find((f) => f.id === 'acf');
  /** How many events the log holds: equal before and after means nothing was written. */
  const events = () => {
    const core = makeCore(dataDir);
    try {
      return (core.ctx.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    } finally {
      core.close();
    }
  };
  return { gp, conflicts, fund, events };
}

describe('conflicts', () => {
  test('lists an open conflict with a short id, each version’s maker, laptop and time, and each field’s two versions', async () => {
    const { gp, conflicts } = laptop(await officeWithConflict());
    const [conflict, ...others] = await conflicts();
    expect(others).toEqual([]);
    expect(conflict).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f]{64}$/),
      kind: 'fund',
      noun: 'fund',
      entityId: 'acf',
      label: 'Active Citizens Fund 2027',
      versions: {
        kept: { yours: true, on: 'this laptop', thisLaptop: true, at: expect.stringMatching(/^2026-/) },
        incoming: { yours: false, on: 'Coventry panel laptop', thisLaptop: false, at: expect.stringMatching(/^2026-/) },
      },
      resolvedAt: null,
      resolvedBy: null,
    });
    expect(conflict?.fields).toEqual(
      expect.arrayContaining([
        { field: 'maxAwardPence', label: 'Maximum award', kept: '£4,000.00', incoming: '£3,000.00' },
        { field: 'name', label: 'Name', kept: 'Active Citizens Fund 2027', incoming: 'ACF West Midlands' },
      ]),
    );

    const listed = await gp('conflicts');
    expect(listed).toMatchObject({ code: 0, err: '' });
    const short = conflict!.id.slice(0, 12);
    expect(listed.out).toMatch(/^1 open conflict\.\n\n/);
    expect(listed.out).toContain(`${short}  fund Active Citizens Fund 2027\n`);
    const { kept, incoming } = conflict!.versions;
    expect(listed.out).toContain(
      `  In the register now: Your change on this laptop, ${formatInstant(kept!.at)} (the earlier change, kept until a person chooses)\n`,
    );
    expect(listed.out).toContain(`  Other version: ${incoming.by} on Coventry panel laptop, ${formatInstant(incoming.at)} (not applied)\n`);
    expect(listed.out).toMatch(/Field +In the register now +Other version\n/);
    expect(listed.out).toMatch(/maxAwardPence \(Maximum award\) +£4,000\.00 +£3,000\.00\n/);
    expect(listed.out).toMatch(/name \(Name\) +Active Citizens Fund 2027 +ACF West Midlands\n/);
    expect(listed.out).toContain(`grantpanel resolve-conflict ${short} --keep FIELD | --use FIELD`);
    expect((await gp('conflicts', '--all')).out).toMatch(/^1 open conflict, 0 resolved conflicts\.\n/);
  });

  test('resolve-conflict by a prefix: the fund takes the chosen versions and the conflict shows as resolved', async () => {
    const { gp, conflicts, fund } = laptop(await officeWithConflict());
    const id = (await conflicts())[0]!.id;
    const resolved = await gp('resolve-conflict', id.slice(0, 8), '--use', 'maxAwardPence', '--keep', 'name');
    expect(resolved).toMatchObject({ code: 0, err: '' });
    expect(resolved.out).toMatch(/^Resolved the conflict on fund Active Citizens Fund 2027 \([0-9a-f]{12}\)\.\n/);
    expect(resolved.out).toContain('maxAwardPence (Maximum award): used the other version, £3,000.00 (was £4,000.00)');
    expect(resolved.out).toContain('name (Name): kept Active Citizens Fund 2027 (not ACF West Midlands)');
    expect(await fund()).toMatchObject({ maxAwardPence: 300_000, name: 'Active Citizens Fund 2027' });

    expect(await gp('conflicts')).toMatchObject({ code: 0, out: '0 open conflicts.\n' });
    const all = await gp('conflicts', '--all');
    expect(all.out).toMatch(/^0 open conflicts, 1 resolved conflict\.\n/);
    expect(all.out).toMatch(/Resolved by Grants officer, \d{1,2} \w{3} \d{4}, \d{2}:\d{2}/);
    expect(all.out).not.toContain('Resolve one with');
    expect((await conflicts('--all'))[0]).toMatchObject({ id, resolvedBy: 'Grants officer', resolvedAt: expect.any(String) });

    // Again: the core says it is already resolved, and nothing is written.
    const again = await gp('resolve-conflict', id, '--keep-all');
    expect(again).toMatchObject({ code: 1, out: '', err: expect.stringContaining('already resolved by Grants officer') });
  });

  test('a field without a choice is refused with each field named: exit 1, nothing written', async () => {
    const { gp, conflicts, fund, events } = laptop(await officeWithConflict());
    const id = (await conflicts())[0]!.id;
    const before = events();
    const refused = await gp('resolve-conflict', id.slice(0, 12), '--use', 'Maximum award', '--keep', 'eligibility');
    expect(refused).toMatchObject({ code: 1, out: '' });
    expect(refused.err).toMatch(/^Choose a version for each field in conflict\n/);
    expect(refused.err).toContain('  name (Name): Choose which name to keep\n');
    expect(refused.err).toContain('  eligibility: eligibility is not in conflict here\n');
    expect(events()).toBe(before);
    expect(await fund()).toMatchObject({ maxAwardPence: 400_000 });
    expect((await conflicts())[0]?.resolvedAt).toBeNull();
  });

  test('an unknown id prefix is refused (exit 1); a missing or contradictory choice, or a bad id, is a usage error (exit 2)', async () => {
    const { gp, conflicts, events } = laptop(await officeWithConflict());
    const id = (await conflicts())[0]!.id;
    const other = id.startsWith('0') ? '1' : '0';
    const before = events();
    expect(await gp('resolve-conflict', `${other}0000000`, '--keep-all')).toMatchObject({
      code: 1,
      out: '',
      err: expect.stringContaining(
        `No conflict on this laptop has an id starting ${other}0000000 — list them with: grantpanel conflicts --all`,
      ),
    });
    expect(await gp('resolve-conflict', other.repeat(64), '--keep-all')).toMatchObject({
      code: 1,
      err: expect.stringContaining('That conflict is not on this laptop'),
    });
    for (const [args, message] of [
      [[id], 'Choose a version: --keep FIELD or --use FIELD'],
      [[id, '--keep-all', '--use-all'], 'Give --keep-all or --use-all, not both'],
      [[id, '--keep-all', '--use', 'name'], 'on its own, or choose field by field'],
      [[id, '--keep', 'name', '--use', 'Name'], 'name is given both --keep and --use'],
      [[id.slice(0, 7), '--keep-all'], 'give at least its first 8 characters'],
      [['--keep-all'], 'Missing ID'],
    ] as const) {
      const r = await gp('resolve-conflict', ...args);
      expect(r, args.join(' ')).toMatchObject({ code: 2, out: '', err: expect.stringContaining(message) });
      expect(r.err).toContain('Run "grantpanel resolve-conflict --help" for help.');
    }
    expect(await gp('conflicts', '--format', 'csv')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--format must be table or json'),
    });
    expect(events()).toBe(before);
  });

  test.each([['conflicts'], ['resolve-conflict']])('grantpanel %s --help shows its usage, options and examples', async (word) => {
    const { gp } = laptop(temp());
    const r = await gp(word, '--help');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/Usage: grantpanel /);
    expect(r.out).toContain('Options:');
    expect(r.out).toContain('Examples:');
    expect((await gp('--help')).out).toContain(word);
  });
});

describe('the built command', () => {
  const node = builtCommand('grantpanel-cli-conflicts-test');

  test('conflicts and resolve-conflict exit 0, 1 and 2 as a shell sees them, with no stack traces', async () => {
    const dataDir = await officeWithConflict();
    const asOfficer = await officerArgs(dataDir);
    const gp = (...args: string[]) => node(['--data-dir', dataDir, ...asOfficer, ...args]);
    const listed = await gp('conflicts', '--format', 'json');
    expect(listed.code, listed.err).toBe(0);
    const id = (JSON.parse(listed.out) as ConflictSummary[])[0]!.id;

    const refused = await gp('resolve-conflict', id.slice(0, 10), '--use', 'maxAwardPence');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('Choose a version for each field in conflict');
    expect(refused.err).not.toMatch(/\n\s+at /);
    expect((await gp('resolve-conflict', id.slice(0, 10))).code).toBe(2);
    const resolved = await gp('resolve-conflict', id.slice(0, 10), '--use-all');
    expect(resolved.code, resolved.err).toBe(0);
    expect(resolved.out).toContain('used the other version, £3,000.00');
  });
});
