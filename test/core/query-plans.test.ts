// No statement scans a large table by accident. Every statement the core prepares while two laptops
// do a day's work (demo round, CSV import, every register filter and sort, edits, withdrawals and
// reinstatements, an application's history, rounds, the catalogue, bundles both ways with --for and
// sealed, a conflict resolved, screenings (one raised from two laptops, then settled), allocation, a roster, trust and revocation, a rebuild) is recorded, then run
// through EXPLAIN QUERY PLAN on a database holding that data. A full scan of a large table fails the test unless the statement is on the
// allow-list below, with the reason it may. (Signal-Desktop asserts query plans the same way.)
import { afterAll, expect, test } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { makeCore, tempDir, type TestCore } from '../support/core';
import { csvFile, templateRow, toCsv } from '../support/csv';
import { steppingClock } from '../support/clock';
import { verifyChain } from '../../electron/core/events/verify';
import { draftOf } from '../../shared/domain/application';

/**
 * Tables that stay small whatever the register holds, and why. Every other table, including each
 * one a later migration adds, counts as large: a full scan of one is a defect unless allowed.
 */
const SMALL: Record<string, string> = {
  funds: 'the catalogue: a handful of funds',
  areas: 'the catalogue: the seven local authority areas',
  plans: 'the catalogue: one Police and Crime Plan per term',
  priorities: 'the catalogue: a plan’s priorities, tens',
  rounds: 'a few rounds a year',
  panels: 'a panel per area or two in each round: tens a year',
  rubrics: 'one per round',
  moderation_opened: 'one per panel',
  round_budgets: 'a budget per area per round',
  people: 'the office’s staff and panel members, hundreds at most',
  trusted_devices: 'laptops the office trusts, tens',
  signed_heads: 'one signed head per laptop',
  chosen_versions: 'one per laptop that ever signed two versions of its log',
  equivocations: 'evidence of a laptop signing two versions of its log: rare',
  import_mappings: 'one per CSV layout the office has seen',
  unprojected_types: 'one per event type from a newer GrantPanel',
  ignored_changes: 'one per laptop, person and reason a change was not applied: rare, and each a warning to act on',
};

/** Statements that may scan a large table, and why. Each entry must still be needed (checked below). */
const ALLOWED: { sql: RegExp; reason: string }[] = [
  { sql: /^SELECT count\(\*\) AS n FROM events$/, reason: 'an export reads every event anyway; the count drives its progress bar' },
  {
    sql: /^SELECT device_id, count\(\*\) AS n, max\(seq\) AS top, min\(seq\) AS first FROM events GROUP BY device_id$/,
    reason: 'knows: how far this laptop holds each device, once per export, over the primary key (device_id, seq)',
  },
  { sql: /^SELECT \* FROM events ORDER BY hlc, device_id, seq LIMIT 5000$/, reason: 'a rebuild replays the whole log, 5,000 at a time' },
  { sql: /^SELECT \* FROM events ORDER BY device_id, seq$/, reason: 'verifyChain reads the whole log by design' },
  { sql: /^SELECT 1 FROM \w+ LIMIT 1$/, reason: 'whether a table holds anything: stops at the first row' },
  {
    sql: /^SELECT (count\(\*\) AS n|a\.id, a\.reference, .*) FROM applications a\b/,
    reason:
      'the register, paged 100 at a time: a count and a page, sorted or searched (a LIKE scan until FTS5) — measured by npm run bench, under 50 ms at 20,000 applications',
  },
  {
    sql: /^SELECT digest, salt, body FROM personal_data WHERE/,
    reason: 'a sealed export writes every contact record still referred to: it reads them all',
  },
  {
    sql: /^SELECT s\.application_id AS applicationId, .* FROM screenings s .* WHERE s\.disputed = 1 /,
    reason:
      'the Conflicts screen’s screenings to settle: it reads the partial index screenings_disputed, which holds only those, a handful',
  },
  {
    sql: /^SELECT \* FROM conflicts ORDER BY/,
    reason: 'the Conflicts screen’s history, resolved included: every conflict, at most 500 shown',
  },
];

const recorded = new Set<string>();
const prepare = Database.prototype.prepare;
Database.prototype.prepare = function (this: Database.Database, sql: string) {
  recorded.add(sql.replace(/\s+/g, ' ').trim());
  return prepare.call(this, sql) as never;
} as typeof prepare;
afterAll(() => {
  Database.prototype.prepare = prepare;
});

/** Aliases to tables: `FROM applications a JOIN rounds r` → a: applications, r: rounds. */
function tablesOf(sql: string): Map<string, string> {
  const names = new Map<string, string>();
  const keywords = /^(WHERE|JOIN|LEFT|INNER|CROSS|ON|ORDER|GROUP|LIMIT|USING|SET|VALUES|AS)$/i;
  for (const m of sql.matchAll(/\b(?:FROM|JOIN|UPDATE|INTO)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?/gi)) {
    const [, table, alias] = m as unknown as [string, string, string | undefined];
    names.set(table, table);
    if (alias && !keywords.test(alias)) names.set(alias, table);
  }
  return names;
}

function plan(db: Database.Database, sql: string): string[] {
  const named = [...new Set([...sql.matchAll(/@(\w+)/g)].map((m) => m[1] as string))];
  const explain = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  const rows = (
    named.length
      ? explain.all(Object.fromEntries(named.map((n) => [n, null])))
      : explain.all(
          ...sql
            .split('?')
            .slice(1)
            .map(() => null),
        )
  ) as { detail: string }[];
  return rows.map((r) => r.detail);
}

let cores: TestCore[] = [];
afterAll(() => cores.forEach((c) => c.dispose()));

/** A demo laptop's panel at work: reading, scoring, a paper sheet, moderation, documents, a new rubric version. */
async function aPanelsDay(usb: string): Promise<void> {
  const demo = makeCore(tempDir(), steppingClock(), { signedOut: true });
  cores.push(demo);
  const { demo: people } = await demo.call('session.setUpDemo', {});
  const choices = await demo.call('session.choices', {});
  const signIn = async (role: string) => {
    const who = people!.find((p) => p.roles.includes(role as never))!;
    await demo.call('session.signOut', {});
    await demo.call('session.signIn', { personId: choices.find((c) => c.name === who.name)!.id, passphrase: who.passphrase });
  };
  const [panel] = await demo.call('panels.list', {});
  const detail = await demo.call('panels.get', { id: panel!.id });
  const [scored, , , open] = detail.applications;
  const roundId = panel!.roundId;
  const rubric = (await demo.call('rubrics.get', { roundId })).rubric!;
  await demo.call('scoring.fromPaper', {
    applicationId: open!.id,
    memberId: detail.memberIds.find((m) => m !== panel!.chairId)!,
    interest: false,
    scores: [
      ...rubric.criteria.map((c) => ({ criterionId: c.id, level: 2, comment: '' })),
      { criterionId: 'governance', level: 1, comment: '' },
    ],
  });
  await demo.call('panels.assign', { applicationId: open!.id, panelId: null });
  await demo.call('panels.assign', { applicationId: open!.id, panelId: null, byArea: true });
  await demo.call('documents.scoreSheet', { applicationId: open!.id, file: join(usb, 'sheet.pdf') });
  await demo.call('documents.panelPack', { panelId: panel!.id, file: join(usb, 'pack.pdf') });
  await demo.call('panels.interests', { panelId: panel!.id });
  await demo.call('documents.interestsCsv', { panelId: panel!.id, file: join(usb, 'interests.csv') });
  await signIn('panel-chair');
  await demo.call('panels.list', { mine: true });
  await demo.call('scoring.sheet', { applicationId: scored!.id });
  await demo.call('moderation.open', { panelId: panel!.id });
  await demo.call('moderation.view', { panelId: panel!.id });
  await demo.call('moderation.record', {
    applicationId: scored!.id,
    levels: Object.fromEntries(rubric.criteria.map((c) => [c.id, 3])),
    gates: { governance: 'pass' },
    rationales: Object.fromEntries(rubric.criteria.map((c) => [c.id, 'Agreed at the table'])),
    recommendation: 'fund-in-full',
  });
  await demo.call('documents.panelReport', { panelId: panel!.id, file: join(usb, 'report.pdf') });
  await signIn('grants-officer');
  // Allocating the recommended application: the workspace, a suggestion, an amount by hand, the overspends.
  await demo.call('allocation.workspace', { roundId, areaId: 'coventry' });
  await demo.call('allocation.suggest', { roundId, areaId: 'coventry' });
  await demo.call('allocation.set', { applicationId: scored!.id, amountPence: 0, reason: 'Funded from another source' });
  await demo.call('allocation.overspent', {});
  const { id, version, ...content } = rubric;
  void [id, version];
  await demo.call('rubrics.save', { roundId, content: { ...content, criteria: content.criteria.slice(1) }, newVersion: true });
  demo.ctx.projection.rebuild();
}

/** The audit trail read every way it can be filtered, a page and the next. */
async function theAuditTrail(office: TestCore, applicationId: string): Promise<void> {
  const officer = (await office.call('session.current', {})).person!.id;
  const filters = [
    {},
    { personId: officer },
    { applicationId },
    { kind: 'score' },
    // A kind the day never wrote: looked for near, then through its (empty) range.
    { kind: 'decision' },
    { personId: officer, kind: 'application' },
    { personId: officer, kind: 'decision' },
    { applicationId, kind: 'score' },
    { applicationId, personId: officer },
  ] as const;
  for (const q of filters) {
    const first = await office.call('audit.list', { ...q, limit: 2 });
    if (first.next) await office.call('audit.list', { ...q, limit: 2, before: first.next });
  }
}

async function aDaysWork(): Promise<TestCore> {
  const clock = steppingClock();
  const office = makeCore(tempDir(), clock);
  const panel = makeCore(tempDir(), clock);
  cores = [office, panel];
  const [o, p] = await Promise.all([office.call('session.current', {}), panel.call('session.current', {})]);
  await office.call('devices.trust', { publicKey: p.device.publicKey, name: 'Panel' });
  await panel.call('devices.trust', { publicKey: o.device.publicKey, name: 'Office' });
  const demo = await office.call('demo.load', {});
  const round = await office.call('rounds.create', {
    fundId: 'acf',
    planId: 'pcp-2025-2029',
    name: 'Spring 2027',
    opens: '2027-01-01',
    closes: '2027-03-31',
    budgets: [{ areaId: 'walsall', amountPence: 1_000_000 }],
  });
  const csv = toCsv(
    Array.from({ length: 60 }, (_, i) => templateRow({ 'Applicant reference': `WAL-${i}`, 'Project title': `Project ${i}` })),
  );
  const input = { roundId: round.id, file: csvFile(csv, 'spring.csv') };
  await office.call('imports.preview', input);
  await office.call('imports.commit', input);
  const lists = [
    {},
    { areaId: 'walsall' },
    { status: 'withdrawn' },
    { roundId: round.id },
    { fundId: 'acf' },
    { priorityId: 'pcp-2025-2029:NEIGHBOURHOOD' },
    { search: 'watch' },
    { sort: 'amountRequested', direction: 'desc' },
    { sort: 'organisationName' },
    { sort: 'reference', offset: 50 },
    { sort: 'status' },
    { stage: 'received' },
    { stage: 'received', roundId: round.id, sort: 'organisationName' },
    { stage: 'scored', areaId: 'walsall', search: 'watch' },
  ] as const;
  for (const q of lists) await office.call('applications.list', { limit: 20, ...q });
  const [first] = (await office.call('applications.list', { limit: 1 })).rows;
  const detail = await office.call('applications.get', { id: first!.id });
  await office.call('applications.update', { id: detail.id, application: { ...draftOf(detail), contactEmail: 'new@example.org' } });
  await office.call('applications.withdraw', { id: detail.id, reason: 'The group disbanded' });
  await office.call('applications.reinstate', { id: detail.id, reason: 'Withdrawn by mistake' });
  await office.call('applications.history', { id: detail.id });
  await office.call('rounds.update', {
    id: round.id,
    changes: { ...round, budgets: [{ areaId: 'walsall', amountPence: 2_000_000 }] },
  });
  await office.call('rounds.list', {});
  // A panel for the round, and a member's paper sheets imported from CSV.
  await office.call('rubrics.save', { roundId: round.id, content: (await office.call('rubrics.get', { roundId: round.id })).suggested });
  const member = await office.call('people.add', {
    name: 'Sam Jones',
    roles: ['panel-member'],
    areas: [],
    passphrase: 'a long enough first passphrase',
  });
  await office.call('panels.save', {
    roundId: round.id,
    name: 'Walsall panel',
    chairId: null,
    quorum: 1,
    areaIds: ['walsall'],
    memberIds: [member.id],
  });
  const rubric = (await office.call('rubrics.get', { roundId: round.id })).rubric!;
  const sheets = ['WAL-1', 'WAL-2'].flatMap((ref) => [
    ...rubric.criteria.map((c) => `${ref},Sam Jones,${c.name},3,`),
    ...rubric.gates.map((g) => `${ref},Sam Jones,${g.name},pass,`),
  ]);
  const scores = {
    roundId: round.id,
    file: csvFile(['Application reference,Member,Criterion,Score,Comment', ...sheets].join('\r\n'), 'scores.csv'),
  };
  await office.call('scores.preview', scores);
  await office.call('scores.commit', scores);
  const usb = tempDir();
  await office.call('bundles.export', { file: join(usb, 'o1.gpbundle') });
  await panel.call('bundles.verify', { file: join(usb, 'o1.gpbundle') });
  await panel.call('bundles.import', { file: join(usb, 'o1.gpbundle') });
  // One application screened differently on each laptop: raised when they meet, listed with both, settled below.
  const unscreened = (await office.call('screening.round', { roundId: demo.roundId })).rows.find((r) => !r.standing)!;
  const answers = (await office.call('screening.round', { roundId: demo.roundId })).officerChecks.map(() => true);
  await office.call('screening.record', { applicationId: unscreened.applicationId, officerAnswers: answers });
  await panel.call('screening.record', { applicationId: unscreened.applicationId, officerAnswers: answers.map(() => false) });
  const acf = (await office.call('catalogue.funds', {})).find((f) => f.id === 'acf')!;
  await office.call('catalogue.saveFund', { ...acf, maxAwardPence: 400_000, confirmed: true });
  await panel.call('catalogue.saveFund', { ...acf, maxAwardPence: 300_000, confirmed: true });
  await panel.call('bundles.export', { file: join(usb, 'p1.gpbundle.age'), to: [o.device.sealRecipient] });
  await office.call('bundles.import', { file: join(usb, 'p1.gpbundle.age') });
  const [conflict] = (await office.call('conflicts.list', {})).conflicts;
  await office.call('conflicts.resolve', { id: conflict!.id, choices: { maxAwardPence: 'incoming' } });
  await office.call('conflicts.list', { includeResolved: true });
  expect((await office.call('screening.round', { roundId: demo.roundId })).counts.disputed).toBe(1);
  expect(await office.call('screening.disputed', {})).toHaveLength(1);
  await office.call('screening.record', { applicationId: unscreened.applicationId, officerAnswers: answers });
  await office.call('applications.get', { id: unscreened.applicationId });
  await office.call('bundles.export', { file: join(usb, 'o2.gpbundle'), for: p.device.id });
  await panel.call('bundles.import', { file: join(usb, 'o2.gpbundle') });
  await office.call('roster.export', { file: join(usb, 'office.gproster') });
  await panel.call('roster.verify', { file: join(usb, 'office.gproster') });
  await panel.call('roster.import', { file: join(usb, 'office.gproster') });
  await office.call('sync.status', {});
  await office.call('devices.list', {});
  await office.call('devices.revoke', { deviceId: p.device.id, reason: 'Handed on' });
  await office.call('catalogue.areas', {});
  await office.call('catalogue.plans', {});
  // A plan for a new term, its priority later replaced; and one in use reworded.
  await office.call('catalogue.savePlan', {
    id: 'pcp-2029-2033',
    adding: true,
    name: 'Police and Crime Plan 2029–2033',
    startYear: 2029,
    endYear: 2033,
    priorities: [{ code: 'SAFER', title: 'Safer streets' }],
  });
  await office.call('catalogue.priorityUse', { planId: 'pcp-2025-2029' });
  await aPanelsDay(usb);
  const pcp = (await office.call('catalogue.plans', {})).find((x) => x.id === 'pcp-2025-2029')!;
  await office.call('catalogue.savePlan', {
    ...pcp,
    priorities: pcp.priorities.map((x) => ({ ...x, title: `${x.title}.` })),
    confirmed: true,
  });
  await office.call('catalogue.savePlan', { ...pcp, id: 'pcp-2029-2033', priorities: [{ code: 'VICTIMS', title: 'Victims first' }] });
  await theAuditTrail(office, detail.id);
  office.ctx.projection.rebuild();
  expect(verifyChain(office.ctx.db)).toEqual([]);
  return office;
}

test('no statement the core prepares scans a large table, unless allowed with a reason', async () => {
  const office = await aDaysWork();
  const db = office.ctx.db;
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
  const large = tables.filter((t) => !(t in SMALL));
  expect(large).toEqual(expect.arrayContaining(['events', 'applications', 'application_priorities', 'conflicts', 'entries']));
  expect(Object.keys(SMALL).filter((t) => !tables.includes(t))).toEqual([]);
  const statements = [...recorded].filter((sql) => /^(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i.test(sql) && !sql.startsWith('EXPLAIN'));
  expect(statements.length).toBeGreaterThan(60);
  const scans: string[] = [];
  const used = new Set<RegExp>();
  for (const sql of statements) {
    const named = tablesOf(sql);
    for (const detail of plan(db, sql)) {
      const scanned = /^SCAN (\w+)/.exec(detail)?.[1];
      const table = scanned && (named.get(scanned) ?? scanned);
      if (!table || !large.includes(table)) continue;
      const allowed = ALLOWED.find((a) => a.sql.test(sql));
      if (allowed) used.add(allowed.sql);
      else scans.push(`${detail} ← ${sql}`);
    }
  }
  expect(scans).toEqual([]);
  // Every allowance is still needed: one no statement uses any more is removed.
  expect(ALLOWED.filter((a) => !used.has(a.sql)).map((a) => a.reason)).toEqual([]);
  console.log(`query plans: ${statements.length} statements checked, ${used.size} allowed scans used`);
});

test('an application’s history is read through the events table’s index on entity, whatever the log holds', async () => {
  const core = makeCore(tempDir());
  cores.push(core);
  await core.call('demo.load', {});
  const [first] = (await core.call('applications.list', { limit: 1 })).rows;
  await core.call('applications.history', { id: first!.id });
  const sql = 'SELECT device_id, seq, hlc, actor, type, payload, hash FROM events WHERE entity = ? ORDER BY hlc, device_id, seq';
  // The statement the core prepares, word for word: a change there fails this test rather than slipping past it.
  expect([...recorded]).toContain(sql);
  expect(plan(core.ctx.db, sql)).toEqual(['SEARCH events USING INDEX events_by_entity (entity=?)', 'USE TEMP B-TREE FOR ORDER BY']);
});

test('the audit trail reads only what it shows: each filter through an index, never the whole log', async () => {
  const core = makeCore(tempDir());
  cores.push(core);
  await core.call('demo.load', {});
  const [first] = (await core.call('applications.list', { limit: 1 })).rows;
  await theAuditTrail(core, first!.id);
  const trail = [...recorded].filter((sql) =>
    /^SELECT (device_id, seq, hlc, actor, type, entity, payload, hash|count\(\*\) AS n) FROM (events INDEXED BY|\(SELECT (device_id|1 FROM events INDEXED BY))/.test(
      sql,
    ),
  );
  const plans = trail.map((sql) => plan(core.ctx.db, sql).join('; '));
  const application =
    'MULTI-INDEX OR; INDEX 1; SEARCH events USING INDEX events_by_entity (entity=?); INDEX 2; SEARCH events USING INDEX events_by_entity (entity>? AND entity<?); INDEX 3; SEARCH events USING INDEX events_by_entity (entity>? AND entity<?); USE TEMP B-TREE FOR ORDER BY';
  const person = 'SEARCH events USING INDEX events_by_actor (actor=? AND (hlc,device_id,seq)<(?,?,?))';
  const kind = 'SEARCH events USING INDEX events_by_entity (entity>? AND entity<?); USE TEMP B-TREE FOR ORDER BY';
  const near = (index: string) => `CO-ROUTINE (subquery-1); SEARCH events USING INDEX ${index}<(?,?,?)); SCAN (subquery-1)`;
  // No filter; a person (alone; with a kind: near, then the kind's range); an application (alone,
  // with a person); a kind (near, else its range; with an application); how big a kind is, bounded.
  expect(plans.sort()).toEqual(
    [
      'SEARCH events USING INDEX events_in_order ((hlc,device_id,seq)<(?,?,?))',
      person,
      near('events_in_order ((hlc,device_id,seq)'),
      near('events_by_actor (actor=? AND (hlc,device_id,seq)'),
      'CO-ROUTINE (subquery-1); SEARCH events USING COVERING INDEX events_by_entity (entity>? AND entity<?); SCAN (subquery-1)',
      application,
      application,
      kind,
      kind,
      kind,
    ].sort(),
  );
  expect(plans.join('\n')).not.toMatch(/SCAN events/);
});

test('the register filtered by stage reads the stage index and looks each application up by id: no scan, whatever the register holds', async () => {
  const core = makeCore(tempDir());
  cores.push(core);
  const { roundId } = await core.call('demo.load', {});
  await core.call('applications.list', { stage: 'recommended', roundId });
  await core.call('applications.list', { stage: 'approved' });
  const byStage = [...recorded].filter(
    (sql) => !sql.startsWith('EXPLAIN') && sql.includes('FROM application_stages st CROSS JOIN applications a'),
  );
  // The count and the page, each with a round and without (and any other filters the test above used).
  expect(byStage.length).toBeGreaterThanOrEqual(4);
  for (const sql of byStage) {
    const steps = plan(core.ctx.db, sql);
    expect(
      steps.filter((s) => /^SCAN (?!page\b)/.test(s)),
      sql,
    ).toEqual([]);
    expect(steps, sql).toContainEqual(
      expect.stringMatching(/^SEARCH st USING (COVERING )?INDEX application_stages_by_stage \(stage=\?( AND round_id=\?)?\)$/),
    );
    expect(steps, sql).toContainEqual(
      expect.stringMatching(/^SEARCH a USING (COVERING )?(INDEX sqlite_autoindex_applications_1|PRIMARY KEY) \(id=\?\)$/),
    );
  }
});
