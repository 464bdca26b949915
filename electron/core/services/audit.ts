// `audit.verify`: what anyone auditing the grants can ask of a laptop — does every laptop's log
// still hash and link as it was written, does every signed head this laptop kept still match its
// signature and the event it names, and does every decision's signature hold over its text?
import type { AuditCheck } from '../../../shared/contract/audit';
import type { Handlers } from '../context';
import { checkedQuery, trailPage } from '../audit/trail';
import { checkSignedHead, storedHeads } from '../bundles/heads';
import { laptopName } from '../bundles/trust';
import { statement } from '../db/statements';
import { signatureProblem, type SignedDecision } from '../decisions/decisions';
import { verifyChain } from '../events/verify';

export const auditHandlers: Handlers<'audit.verify' | 'audit.list'> = {
  // Who did what, when and where, newest first; the capability is checked before it runs (rules.ts).
  'audit.list': (input, ctx) => trailPage(ctx, checkedQuery(ctx, input)),
  'audit.verify': (_, ctx) => {
    const db = ctx.db;
    const name = (deviceId: string) => laptopName(db, ctx.device.id, deviceId);
    const problems: string[] = verifyChain(db).map((p) => `${name(p.deviceId)}, event ${p.seq}: ${p.problem}`);
    const heads = storedHeads(db);
    for (const head of heads.values()) {
      try {
        checkSignedHead(head);
      } catch {
        problems.push(`${name(head.deviceId)}: its signed head (event ${head.seq}) does not match its signature`);
        continue;
      }
      const held = statement<[string, number], { hash: string }>(db, 'SELECT hash FROM events WHERE device_id = ? AND seq = ?').get(
        head.deviceId,
        head.seq,
      );
      if (held && held.hash !== head.hash) problems.push(`${name(head.deviceId)}, event ${head.seq}: not the event that laptop signed for`);
    }
    const decisions = statement<[], { device_id: string; seq: number; payload: string; applied: number }>(
      db,
      `SELECT e.device_id, e.seq, e.payload, EXISTS (SELECT 1 FROM decisions d WHERE d.id = e.hash) AS applied
         FROM events e WHERE e.type = 'decision.signed' ORDER BY e.device_id, e.seq`,
    ).all();
    for (const d of decisions) {
      const decision = JSON.parse(d.payload) as SignedDecision;
      const at = `${name(d.device_id)}, event ${d.seq}: the decision on ${decision.reference}`;
      const why = signatureProblem(decision);
      if (why) problems.push(`${at} does not verify: ${why}`);
      else if (!d.applied) problems.push(`${at} is not signed by a Chief Executive’s key (kept in the log, not applied)`);
    }
    const counts = statement<[], { events: number; laptops: number }>(
      db,
      'SELECT count(*) AS events, count(DISTINCT device_id) AS laptops FROM events',
    ).get() ?? { events: 0, laptops: 0 };
    return {
      ok: problems.length === 0,
      events: counts.events,
      laptops: counts.laptops,
      heads: heads.size,
      decisions: decisions.length,
      firstProblem: problems[0] ?? null,
      problems: problems.length,
    } satisfies AuditCheck;
  },
};
