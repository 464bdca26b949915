// `npm run bench` (panels): a round of 300 applications scored by 8 members on 8 criteria and
// gates (19,200 scores), typed in as paper sheets through the core. Then the moderation view with
// the ranking and normalisation across the round, beside a raw SQL aggregate over the same scores
// in the same run; and a member's score entered, key to saved, in the core. Not part of `npm test`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openCore } from '../electron/core/app';
import { call, fillDataFolder, signIn } from './bench-data';

const APPLICATIONS = Number(process.env.BENCH_PANEL_APPLICATIONS ?? 300);
const MEMBERS = 8;
const AREAS = ['birmingham', 'coventry', 'dudley', 'sandwell', 'solihull', 'walsall', 'wolverhampton'];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] as number;
const fmt = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 1 });

/** A fixed sequence of levels: the same scores every run. */
function levels(seed: number) {
  let s = seed >>> 0;
  return (top: number) => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s % (top + 1);
  };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'grantpanel-bench-panels-'));
  try {
    const dataDir = join(dir, 'data');
    await fillDataFolder(dataDir, APPLICATIONS);
    // A cheaper passphrase cost than the app's: eight people are added, and this measures scoring.
    const core = openCore({ dataDir, passphraseLogN: 12 });
    await signIn(core);
    const [round] = (await call(core, 'rounds.list', {})) as unknown as { id: string }[];
    const roundId = round!.id;
    const members: string[] = [];
    for (let m = 0; m < MEMBERS; m++) {
      const person = await call(core, 'people.add', {
        name: `Panel member ${m + 1}`,
        roles: m === 0 ? ['panel-chair', 'panel-member'] : ['panel-member'],
        areas: [],
        passphrase: `bench member passphrase ${m + 1}`,
      });
      members.push(person.id as string);
    }
    const view = (await call(core, 'rubrics.get', { roundId })) as { suggested: { criteria: { id: string; scale: number }[] } };
    await call(core, 'rubrics.save', { roundId, content: view.suggested });
    const panel = await call(core, 'panels.save', {
      roundId,
      name: 'Bench panel',
      chairId: members[0],
      quorum: 3,
      areaIds: AREAS,
      memberIds: members,
    });
    const detail = (await call(core, 'panels.get', { id: panel.id })) as { applications: { id: string }[] };
    const level = levels(20261128);
    const typing = performance.now();
    for (const [a, application] of detail.applications.entries()) {
      for (const memberId of members) {
        // The first application is left for the last member to score at the keyboard.
        if (a === 0 && memberId === members.at(-1)) continue;
        await call(core, 'scoring.fromPaper', {
          applicationId: application.id,
          memberId,
          interest: false,
          scores: [
            ...view.suggested.criteria.map((c) => {
              const l = 1 + level(c.scale - 2);
              return { criterionId: c.id, level: l, comment: '' };
            }),
            { criterionId: 'governance', level: 1, comment: '' },
          ],
        });
      }
    }
    const typedMs = performance.now() - typing;
    const scores = (core.ctx.db.prepare('SELECT count(*) AS n FROM scores').get() as { n: number }).n;
    console.log(
      `panels: ${detail.applications.length} applications × ${MEMBERS} members: ${scores.toLocaleString('en-GB')} scores typed in as paper sheets in ${fmt(typedMs / 1000)} s`,
    );

    const viewTimes: number[] = [];
    const rawTimes: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      await call(core, 'moderation.view', { panelId: panel.id });
      viewTimes.push(performance.now() - t);
      const r = performance.now();
      core.ctx.db
        .prepare(
          `SELECT application_id, member_id, sum(level) AS total, count(*) AS n, max(level) - min(level) AS spread
             FROM scores WHERE round_id = ? GROUP BY application_id, member_id`,
        )
        .all(roundId);
      rawTimes.push(performance.now() - r);
    }
    const v = median(viewTimes);
    const raw = median(rawTimes);
    console.log(
      `moderation view with ranking and normalisation: median ${fmt(v)} ms (target ≤ 200 ms) — raw SQL aggregate over the same scores: ${fmt(raw)} ms — ${fmt(v / raw)}×`,
    );

    // The last member enters their scores for the first application one key at a time, as at the panel table.
    const applicationId = detail.applications[0]!.id;
    const last = members.at(-1)!;
    await call(core, 'session.signOut', {});
    await call(core, 'session.signIn', { personId: last, passphrase: `bench member passphrase ${MEMBERS}` });
    await call(core, 'session.changePassphrase', { current: `bench member passphrase ${MEMBERS}`, next: 'bench member chose this one' });
    await call(core, 'scoring.declare', { applicationId, interest: false });
    const entryTimes: number[] = [];
    for (let i = 0; i < 200; i++) {
      const c = view.suggested.criteria[i % view.suggested.criteria.length]!;
      const t = performance.now();
      await call(core, 'scoring.enter', { applicationId, criterionId: c.id, level: 1 + (i % 3), comment: '' });
      entryTimes.push(performance.now() - t);
    }
    console.log(
      `a score entered (the core's part, key to saved): median ${fmt(median(entryTimes))} ms, 95th percentile ${fmt(p95(entryTimes))} ms`,
    );
    core.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
