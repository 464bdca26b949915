// What one event did, in a grants officer's words, for the audit screen. An application's own
// events are described by its history (services/application-history.ts), which knows what each did
// given the ones before; every other type gets a sentence here. Contact details only for people
// allowed to read personal data (the history's rule); keys, secrets and signatures never.
import { DECISIONS } from '../../../shared/domain/decisions';
import { RECOMMENDATIONS } from '../../../shared/domain/panels';
import { formatPence } from '../../../shared/domain/money';
import { formatDate } from '../../../shared/domain/dates';
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import { personName } from '../merge/conflicts';

const LONGEST = 160;
const quote = (text: unknown) => {
  const s = String(text ?? '');
  return `“${s.length > LONGEST ? `${s.slice(0, LONGEST)}…` : s}”`;
};

/** Field names as a list a person reads: `budget:walsall` as "budget for walsall". */
function fieldList(changes: unknown): string {
  const fields = Object.keys((changes ?? {}) as Record<string, unknown>).map((f) => {
    const [prefix, key] = f.split(':');
    const words = (prefix ?? f).replace(/([A-Z])/g, ' $1').toLowerCase();
    return key ? `${words} ${key}` : words;
  });
  return fields.length ? fields.join(', ') : 'nothing';
}

const panelName = (db: Db, id: string | null | undefined) =>
  (id && statement<[string], { name: string }>(db, 'SELECT name FROM panels WHERE id = ?').get(id)?.name) ?? 'a panel';

/** A criterion's or gate's name in the round's rubric, else its id. */
function criterionName(db: Db, roundId: string, criterionId: string): string {
  const rubric = statement<[string], { content: string }>(db, 'SELECT content FROM rubrics WHERE round_id = ?').get(roundId);
  if (!rubric) return criterionId;
  const content = JSON.parse(rubric.content) as { criteria?: { id: string; name: string }[]; gates?: { id: string; name: string }[] };
  return [...(content.criteria ?? []), ...(content.gates ?? [])].find((c) => c.id === criterionId)?.name ?? criterionId;
}

const paper = (p: { fromPaper?: boolean }) => (p.fromPaper ? ' (typed in from a paper sheet)' : '');
const nameOf = (p: Record<string, unknown>) => (typeof p.name === 'string' ? ` ${quote(p.name)}` : '');

/** The lines for an event that is not an application's own; `noun` names its kind ("fund"). */
export function describeEvent(db: Db, type: string, payload: Record<string, unknown>, noun: string): string[] {
  const p = payload;
  const member = () => personName(db, String(p.memberId));
  const [, verb] = type.split('.');
  switch (type) {
    case 'session.signedIn':
      return ['Signed in'];
    case 'session.signedOut':
      return ['Signed out'];
    case 'credential.issued':
      return [
        p.mustChange
          ? `Passphrase set for ${personName(db, String(p.personId))}, to be changed at their next sign-in`
          : `${personName(db, String(p.personId))} chose a new passphrase`,
      ];
    case 'person.added':
      return [`Added${nameOf(p)}`];
    case 'device.trusted':
      return [`Trusted the laptop${nameOf(p)}`];
    case 'device.revoked':
      return [`Stopped trusting a laptop: ${quote(p.reason)}`];
    case 'device.versionChosen':
      return ['Chose which of two versions of a laptop’s log to keep'];
    case 'screening.recorded':
      return [`Screened: ${p.result === 'eligible' ? 'eligible' : 'ineligible'}`];
    case 'panel.assigned':
      return [
        p.panelId
          ? `Given to ${panelName(db, p.panelId as string)} by hand`
          : p.byArea
            ? 'Given back to the panel for its area'
            : 'Taken off every panel',
      ];
    case 'interest.declared':
      return [
        p.interest ? `${member()} declared an interest: ${quote(p.nature)}${paper(p)}` : `${member()} declared no interest${paper(p)}`,
      ];
    case 'score.entered': {
      const criterion = criterionName(db, String(p.roundId), String(p.criterionId));
      const level = p.level === null ? 'cleared' : String(p.level);
      return [`${member()}’s score for ${criterion}: ${level}${p.comment ? ', with a comment' : ''}${paper(p)}`];
    }
    case 'score.submitted':
      return [`${member()} submitted their scores${paper(p)}`];
    case 'moderation.opened':
      return [`Moderation opened for ${panelName(db, p.panelId as string)}`];
    case 'moderation.recorded': {
      const recommendation = RECOMMENDATIONS[p.recommendation as keyof typeof RECOMMENDATIONS] ?? String(p.recommendation);
      const amount = typeof p.amountPence === 'number' ? ` (${formatPence(p.amountPence)})` : '';
      return [`Moderated: ${recommendation}${amount}${p.reason ? ` — ${quote(p.reason)}` : ''}`];
    }
    case 'allocation.set':
      return [`Allocated ${formatPence(Number(p.amountPence))}${p.reason ? ` — ${quote(p.reason)}` : ''}`];
    case 'decision.signed': {
      const decision = DECISIONS[p.decision as keyof typeof DECISIONS] ?? String(p.decision);
      const amount = p.decision === 'decline' ? '' : ` ${formatPence(Number(p.amountPence))}`;
      return [`${decision}${amount}${p.reason ? `: ${quote(p.reason)}` : ''} — signed by ${String(p.signerName)}`];
    }
    case 'offer.sent':
      return [`Offer letter sent on ${formatDate(String(p.sentOn))}`];
    case 'offer.accepted':
      return [`Signed acceptance of the offer came back, dated ${formatDate(String(p.acceptedOn))}`];
    case 'importMapping.saved':
      return ['Saved how a CSV layout’s columns map to the register'];
    case 'conflict.resolved':
      return [`Conflict resolved: chose ${fieldList(p.choices)}`];
  }
  if (verb === 'seeded') return [`The ${noun}${nameOf(p)} as GrantPanel ships it`];
  if (verb === 'added' || verb === 'saved') return [`${verb === 'added' ? 'Added' : 'Saved'}${nameOf(p)}`];
  if (verb === 'changed') return [`Changed ${fieldList(p.changes)}`];
  return [`A change from a newer version of GrantPanel, kept but not shown here (${type})`];
}
