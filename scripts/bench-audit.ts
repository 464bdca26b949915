// The audit trail at scale: a log of N events (BENCH_AUDIT_EVENTS, default 1,000,000) from two
// laptops and twenty people — scores most of it, a rare person, a handful of decisions, moderation
// at 1% (a kind the bounded look back cannot fill a page from) — and the
// time to read one page (50 rows, described) for each filter, first page and one deep in the log.
// Rows are written straight into `events` (the trail reads only the log), so the figures are the
// trail's, not the projection's. Part of `npm run bench`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { encodeHlc } from '../shared/events/hlc';
import type { AuditPage, AuditQuery } from '../shared/contract/audit';
import { openSignedIn } from './bench-data';

const EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 1_000_000);
const fmt = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 1 });

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'grantpanel-bench-audit-'));
  try {
    const core = await openSignedIn(join(dir, 'office'));
    const db = core.ctx.db;
    const people = Array.from({ length: 20 }, (_, i) => `person-${i}`);
    const insertPerson = db.prepare(
      "INSERT OR IGNORE INTO people (id, name, roles, areas, active) VALUES (?, ?, '[\"panel-member\"]', '[]', 1)",
    );
    const insert = db.prepare(
      "INSERT INTO events (device_id, seq, hlc, actor, type, entity, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, '', ?)",
    );
    const start = Date.parse('2026-01-01T00:00:00.000Z');
    const seqs = new Map<string, number>();
    let t = performance.now();
    db.transaction(() => {
      people.forEach((p, i) => insertPerson.run(p, `Person ${i}`));
      for (let i = 0; i < EVENTS; i++) {
        // Two laptops whose clocks often read the same millisecond.
        const device = i % 2 === 0 ? 'laptop-a' : 'laptop-b';
        const seq = (seqs.get(device) ?? 0) + 1;
        seqs.set(device, seq);
        const actor = i % 10_000 === 7 ? 'person-rare' : people[i % 19]!;
        const app = `app-${i % 20_000}`;
        const [type, entity, payload] =
          i % 50_000 === 11
            ? [
                'decision.signed',
                `decision:${app}`,
                {
                  applicationId: app,
                  decision: 'approve',
                  amountPence: 100_000,
                  reason: '',
                  signerName: 'Chief',
                  publicKey: '',
                  signature: '',
                },
              ]
            : i % 100 === 5
              ? [
                  'moderation.recorded',
                  `moderation:${app}`,
                  { applicationId: app, recommendation: 'fund-in-full', amountPence: null, reason: '' },
                ]
              : i % 10 < 7
                ? [
                    'score.entered',
                    `score:${app}:${actor}`,
                    { applicationId: app, memberId: actor, roundId: 'r', criterionId: 'need', level: 3, comment: '', fromPaper: false },
                  ]
                : i % 10 < 9
                  ? ['allocation.set', `allocation:${app}`, { applicationId: app, amountPence: 50_000, reason: null }]
                  : ['area.saved', `area:a-${i % 50}`, { id: `a-${i % 50}`, name: `Area ${i % 50}` }];
        insert.run(
          device,
          seq,
          encodeHlc({ millis: start + Math.floor(i / 2) * 1000, counter: 0 }),
          actor,
          type,
          entity,
          JSON.stringify(payload),
          `${device}-${seq}`,
        );
      }
    })();
    db.prepare(
      "INSERT OR IGNORE INTO people (id, name, roles, areas, active) VALUES ('person-rare', 'Rare Person', '[\"auditor\"]', '[]', 1)",
    ).run();
    console.log(`\nAudit trail — ${fmt(EVENTS)} events, written in ${fmt(performance.now() - t)} ms\n`);
    const call = async (q: AuditQuery): Promise<AuditPage> => {
      const r = await core.dispatch('audit.list', q);
      if (!r.ok) throw new Error(r.error.message);
      return r.value as AuditPage;
    };
    const filters: [string, AuditQuery][] = [
      ['no filter', {}],
      ['a person (one in 19 events)', { personId: 'person-3' }],
      ['a rare person (one in 10,000)', { personId: 'person-rare' }],
      ['an application (50 events)', { applicationId: 'app-42' }],
      ['kind: decision (rare)', { kind: 'decision' }],
      ['kind: area (10%)', { kind: 'area' }],
      ['kind: score (70%)', { kind: 'score' }],
      ['kind: moderation (1%: the look back falls short, its range is sorted)', { kind: 'moderation' }],
      ['a person and kind: allocation', { personId: 'person-3', kind: 'allocation' }],
      ['a person and a kind they seldom touch (its small range read)', { personId: 'person-11', kind: 'decision' }],
    ];
    // The filtered application's row (the trail names its reference and organisation).
    db.prepare(
      `INSERT INTO applications (id, reference, round_id, area_id, status, received_at, organisation_name, project_title, amount_requested, search_text, body)
       VALUES ('app-42', 'ACF-2026-0042', 'r', 'coventry', 'received', '2026-01-01T00:00:00.000Z', 'Bench', 'Bench', 1, '', '{}')`,
    ).run();
    for (const [name, q] of filters) {
      const times: number[] = [];
      let page: AuditPage | undefined;
      for (let i = 0; i < 3; i++) {
        t = performance.now();
        page = await call({ ...q, limit: 50 });
        times.push(performance.now() - t);
      }
      // A page deep in the log: after 10 pages.
      let deep = page!;
      for (let i = 0; i < 10 && deep.next; i++) deep = await call({ ...q, limit: 50, before: deep.next });
      const deepTimes: number[] = [];
      for (let i = 0; i < 3 && deep.next; i++) {
        t = performance.now();
        await call({ ...q, limit: 50, before: deep.next });
        deepTimes.push(performance.now() - t);
      }
      const deepText = deepTimes.length ? `page 12 ${fmt(Math.min(...deepTimes))} ms` : 'no page 12';
      console.log(`${name}: first page ${fmt(Math.min(...times))} ms (${page!.rows.length} rows), ${deepText} (the faster of 3 each)`);
    }
    core.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
