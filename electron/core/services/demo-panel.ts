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
  ctx.session.signIn(officer, { secretKey: officer.key.secretKey.slice(), publicKey: officer.key.publicKey }, false, ctx.now());
  recordSignIn(ctx);
}
