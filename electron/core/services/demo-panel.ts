// The demo's panel, on a laptop set up as a demo: the ACF demo round's default rubric, a Coventry
// panel of the demo chair and three members, their declarations (one interest) and the scores
// three of them entered and submitted — one application with a spread to moderate — so a newcomer
// signs in as a member or the chair and sees the whole flow. Each member's own declarations and
// scores are made as them, signed in on this laptop, exactly as they would make them.
import type { CoreContext, Person } from '../context';
import { recordSignIn } from '../context';
import { readRubric } from '../panels/rubrics';
import { applicationsOfPanel } from '../panels/panels';
import { rubricView, saveRubric, savePanel } from './panels';
import { scoringHandlers } from './scoring';
import { recordScreening, roundScreening } from './screening';
import { moderationHandlers } from './moderation';
import { allocationHandlers } from './allocation';
import { statement } from '../db/statements';

export interface DemoMember extends Person {
  key: { secretKey: Uint8Array; publicKey: string };
}

/** Runs `work` as `who`, signed in on this laptop (their sign-in and sign-out in the log). */
function as(ctx: CoreContext, who: DemoMember, work: () => void): void {
  ctx.session.signIn(who, { secretKey: who.key.secretKey.slice(), publicKey: who.key.publicKey }, false, ctx.now());
  recordSignIn(ctx);
  work();
  ctx.log.append(who.id, 'session.signedOut', `person:${who.id}`, { personId: who.id });
}

/**
 * Inside the demo's set-up write, with the officer signed in: `chair` then three members. The
 * officer is signed in again at the end.
 */
export function loadDemoPanel(ctx: CoreContext, roundId: string, officer: DemoMember, members: readonly DemoMember[]): void {
  const [chair, tom, grace, bilal] = members;
  if (!chair || !tom || !grace || !bilal) return;
  saveRubric(ctx, { roundId, content: rubricView(ctx.db, roundId).suggested, newVersion: false });
  const panel = savePanel(ctx, {
    id: null,
    roundId,
    name: 'Coventry NPU panel (demo)',
    chairId: chair.id,
    quorum: 2,
    areaIds: ['coventry'],
    memberIds: members.map((m) => m.id),
  });
  const rubric = readRubric(ctx.db, roundId)!;
  const applications = applicationsOfPanel(ctx.db, panel);
  // Levels per member: Tom a point more generous than the others — and on the first application
  // Tom and Grace far apart on local need, so it is flagged for the chair to moderate.
  const tilt = new Map([[tom.id, 1]]);
  const call = <M extends keyof typeof scoringHandlers>(method: M, input: Parameters<(typeof scoringHandlers)[M]>[0]) =>
    void scoringHandlers[method](input as never, ctx);
  for (const member of [chair, tom, grace]) {
    as(ctx, member, () => {
      applications.slice(0, 3).forEach((applicationId, i) => {
        call('scoring.declare', { applicationId, interest: false, nature: '' });
        for (const [n, c] of rubric.criteria.entries()) {
          const spread = i === 0 && c.id === 'need' ? (member === tom ? 5 : member === grace ? 1 : 3) : null;
          const level = spread ?? Math.max(0, Math.min(c.scale, 3 - i + ((n + i) % 2) + (tilt.get(member.id) ?? 0)));
          const comment =
            level === 0 || level === c.scale ? `${c.name}: ${level === 0 ? 'not shown in the application' : 'clearly evidenced'}` : '';
          call('scoring.enter', { applicationId, criterionId: c.id, level, comment });
        }
        for (const g of rubric.gates) call('scoring.enter', { applicationId, criterionId: g.id, level: 1, comment: '' });
        call('scoring.submit', { applicationId });
      });
    });
  }
  // Bilal knows the second group's treasurer: he takes no part in it, and has the rest to score.
  as(ctx, bilal, () => {
    applications.forEach((applicationId, i) =>
      call('scoring.declare', { applicationId, interest: i === 1, nature: i === 1 ? 'The group’s treasurer is my neighbour' : '' }),
    );
  });
  loadDemoSignOff(ctx, roundId, officer, chair, [tom, grace]);
  ctx.session.signIn(officer, { secretKey: officer.key.secretKey.slice(), publicKey: officer.key.publicKey }, false, ctx.now());
  recordSignIn(ctx);
}

const DEMO_COMMENTS = [
  'Ward figures show anti-social behaviour up a third on last year, and the group knows the streets',
  'The outcomes are counted termly, with the school as a partner',
  'Volunteers are trained and checked; the plan after the grant is less clear',
  'Priced sensibly: quotes were attached for the larger items',
];

/** The panel's applications screened eligible, in the panel's order: screened now by the officer where not yet. */
function screenedEligible(ctx: CoreContext, officer: DemoMember, roundId: string, ofPanel: Set<string>): string[] {
  const eligible: string[] = [];
  as(ctx, officer, () => {
    const { rows, officerChecks } = roundScreening(ctx, roundId);
    for (const row of rows.filter((r) => ofPanel.has(r.applicationId))) {
      if (row.standing) {
        if (row.standing.result === 'eligible') eligible.push(row.applicationId);
        continue;
      }
      const failing = row.automatic.filter((c) => !c.passed);
      // A missing second signatory is set aside for an umbrella body, as in the round's screening.
      if (failing.some((c) => c.check !== 'bank')) continue;
      recordScreening(ctx, {
        applicationId: row.applicationId,
        officerAnswers: officerChecks.map(() => true),
        overrides: failing.map(() => ({ check: 'bank', reason: 'The community centre, an umbrella body, holds the money' })),
      });
      eligible.push(row.applicationId);
    }
  });
  return [...ofPanel].filter((id) => eligible.includes(id));
}

/**
 * Walsall, ready for the Chief Executive: its panel scored, moderated (two funded in full, one at a
 * lower amount, one declined) and allocated within the area's budget, so a newcomer can sign in as
 * the Chief Executive and decide — every one screened eligible, the chair's comments on two
 * criteria, and one member's interest (they took no part in that application).
 */
function loadDemoSignOff(ctx: CoreContext, roundId: string, officer: DemoMember, chair: DemoMember, members: DemoMember[]): void {
  let panel: ReturnType<typeof savePanel> | undefined;
  as(ctx, officer, () => {
    panel = savePanel(ctx, {
      id: null,
      roundId,
      name: 'Walsall NPU panel (demo)',
      chairId: chair.id,
      quorum: 2,
      areaIds: ['walsall'],
      memberIds: [chair, ...members].map((m) => m.id),
    });
  });
  if (!panel) return;
  const panelId = panel.id;
  const rubric = readRubric(ctx.db, roundId)!;
  const applications = screenedEligible(ctx, officer, roundId, new Set(applicationsOfPanel(ctx.db, panel))).slice(0, 4);
  const call = <H extends Record<string, (input: never, ctx: CoreContext) => unknown>>(handlers: H, method: keyof H, input: unknown) =>
    void handlers[method]!(input as never, ctx);
  // Every member scores alike: the moderated level is the members' own, so no rationale is needed.
  const levelOf = (i: number, n: number) => Math.min(4, 2 + ((n + i) % 3));
  // The last member has an interest in the third application, so takes no part in it.
  const interested = (member: DemoMember, i: number) => member === members[members.length - 1] && i === 2;
  for (const member of [chair, ...members])
    as(ctx, member, () =>
      applications.forEach((applicationId, i) => {
        const interest = interested(member, i);
        call(scoringHandlers, 'scoring.declare', {
          applicationId,
          interest,
          nature: interest ? 'I volunteer with the group on Saturdays' : '',
        });
        if (interest) return;
        for (const [n, c] of rubric.criteria.entries())
          call(scoringHandlers, 'scoring.enter', {
            applicationId,
            criterionId: c.id,
            level: levelOf(i, n),
            comment: member === chair && n < 2 ? DEMO_COMMENTS[(i + n) % DEMO_COMMENTS.length]! : '',
          });
        for (const g of rubric.gates) call(scoringHandlers, 'scoring.enter', { applicationId, criterionId: g.id, level: 1, comment: '' });
        call(scoringHandlers, 'scoring.submit', { applicationId });
      }),
    );
  const requested = (id: string) =>
    statement<[string], { amount_requested: number }>(ctx.db, 'SELECT amount_requested FROM applications WHERE id = ?').get(id)
      ?.amount_requested ?? 0;
  as(ctx, chair, () => {
    call(moderationHandlers, 'moderation.open', { panelId });
    applications.forEach((applicationId, i) => {
      const lower = i === 1 ? Math.floor((requested(applicationId) * 0.75) / 1000) * 1000 : null;
      call(moderationHandlers, 'moderation.record', {
        applicationId,
        levels: Object.fromEntries(rubric.criteria.map((c, n) => [c.id, levelOf(i, n)])),
        gates: Object.fromEntries(rubric.gates.map((g) => [g.id, 'pass'])),
        rationales: {},
        recommendation: i === 3 ? 'decline' : lower ? 'fund-lower' : 'fund-in-full',
        amountPence: lower,
        reason:
          i === 3
            ? 'The project mostly pays for a day trip, which the fund does not cover'
            : lower
              ? 'The panel would fund the equipment but not the publicity costs'
              : '',
      });
    });
  });
  as(ctx, officer, () => call(allocationHandlers, 'allocation.suggest', { roundId, areaId: 'walsall', confirmed: true }));
}
