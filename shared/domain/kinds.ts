// Every kind of record GrantPanel keeps, declared once: how concurrent changes from different
// laptops merge, who may write it, where a person sees it, and the event types that change it.
// The contract's conflict kinds, the Conflicts screen's links, the capability a conflict's
// resolution needs, the payload schemas (shared/events/payloads.ts must have one for every event
// type listed here, or it does not compile) and docs/events.md all derive from this list.

import type { Capability } from './people';

export type { Capability };

export const MERGE_RULES = {
  'fields-person-resolves':
    'Each change names the value the editor saw and the value chosen, field by field. A change made from the value held applies; two laptops choosing different values for one field raise a conflict, which keeps the earlier value until a person chooses (the choice is itself an event). Changes to different fields both apply.',
  'owner-only':
    'Written only by the person it belongs to, on a laptop that vouches for them (the event’s laptop, bound to it by its signed head); anyone else’s version is ignored. The owner’s later version wins; the earlier stays in the log.',
  'append-only':
    'Entries are never changed: a later entry supersedes the earlier ones it names, and all stay in the log. What stands is what nothing has superseded, whatever order entries arrived in; two standing entries that say different things are raised for a person.',
  'whole-record':
    'The whole record as saved: the latest in clock order stands. Seeds (the catalogue as shipped) only fill what is missing, so a laptop set up later never undoes an earlier edit.',
  vouching:
    'A laptop’s record of who signed in on it, each sign-in proven by the person’s own signature. A person’s changes from a laptop stand only between their sign-in there and their sign-out (a laptop’s own setting-up officer needs none); changes outside, or beyond what the author’s roles allowed as the log then stood, are kept in the log, counted, and not applied.',
  local: 'Each laptop keeps every one as history, but only its own count here: trust given on another laptop is never trust on this one.',
} as const;
export type MergeRule = keyof typeof MERGE_RULES;

export interface KindDeclaration {
  /** How a person names one: "fund", "application". */
  noun: string;
  rule: MergeRule;
  /** The tables its events project into: a rebuild empties and refills them, and a write reports them changed. */
  tables: readonly string[];
  /** The capability needed to write it; "this laptop" for records GrantPanel writes itself. */
  writes:
    Capability | 'this laptop' | 'as the record it settles' | 'the person, or manage-people' | 'the member, or manage-panels from paper';
  /** Where a person sees one in the app. */
  page: (id: string) => string;
  /** What a person choosing between two versions of one should know, said on the Conflicts screen. */
  conflictNote?: string;
  /** The event types that change it; older ones stay here, as old logs are still replayed. */
  events: readonly string[];
  /**
   * A limit its records must keep together ("an area's budget in a round"): concurrent entries
   * from different laptops that pass it are all kept and raised for a person (merge/totals.ts).
   */
  total?: string;
}

export const KINDS = {
  fund: {
    noun: 'fund',
    rule: 'fields-person-resolves',
    tables: ['funds'],
    writes: 'manage-catalogue',
    page: () => '#/catalogue',
    events: ['fund.seeded', 'fund.added', 'fund.changed', 'fund.saved'],
  },
  letterTemplate: {
    noun: 'letter template',
    // One per fund (its id the fund's); a fund never edited uses the default. Field by field: the
    // payment schedule is one field, so a merge never makes percentages that do not add to 100.
    rule: 'fields-person-resolves',
    tables: ['letter_templates'],
    writes: 'manage-catalogue',
    page: (id) => `#/catalogue/funds/${id}/letters`,
    events: ['letterTemplate.changed'],
  },
  area: {
    noun: 'area',
    rule: 'fields-person-resolves',
    tables: ['areas'],
    writes: 'manage-catalogue',
    page: () => '#/catalogue',
    events: ['area.seeded', 'area.added', 'area.changed', 'area.saved'],
  },
  plan: {
    noun: 'Police and Crime Plan',
    // Name and years merge field by field; the priorities change as one list (see docs/catalogue.md).
    rule: 'fields-person-resolves',
    tables: ['plans', 'priorities'],
    writes: 'manage-catalogue',
    page: () => '#/catalogue',
    events: ['plan.seeded', 'plan.added', 'plan.changed', 'plan.saved'],
  },
  round: {
    noun: 'round',
    rule: 'fields-person-resolves',
    tables: ['rounds', 'round_budgets'],
    writes: 'manage-register',
    page: (id) => `#/rounds/${id}/edit`,
    events: ['round.added', 'round.changed', 'round.saved'],
  },
  application: {
    noun: 'application',
    rule: 'fields-person-resolves',
    tables: ['applications', 'application_priorities', 'application_stages'],
    writes: 'manage-register',
    page: (id) => `#/applications/${id}`,
    events: ['application.received', 'application.added', 'application.changed', 'application.reinstated', 'application.withdrawn'],
  },
  person: {
    noun: 'person',
    // Name, roles, areas and whether they may sign in merge field by field (see docs/people.md).
    rule: 'fields-person-resolves',
    tables: ['people'],
    writes: 'manage-people',
    page: () => '#/people',
    events: ['person.added', 'person.changed'],
  },
  credential: {
    noun: 'sign-in credential',
    // A passphrase set or reset: the latest stands. Its secret travels only in sealed bundles.
    rule: 'whole-record',
    tables: ['credentials', 'person_keys'],
    writes: 'the person, or manage-people',
    page: () => '#/people',
    events: ['credential.issued'],
  },
  signIn: {
    noun: 'sign-in on a laptop',
    rule: 'vouching',
    tables: ['sign_ins', 'ignored_changes'],
    writes: 'this laptop',
    page: () => '#/people',
    events: ['session.signedIn', 'session.signedOut'],
  },
  rubric: {
    noun: 'rubric',
    // Criteria, gates and bands merge field by field; once scored, weights and levels are fixed (docs/panels.md).
    rule: 'fields-person-resolves',
    tables: ['rubrics'],
    writes: 'manage-panels',
    page: (id) => `#/rounds/${id}/rubric`,
    conflictNote:
      'Once members have scored against a version, a change from another laptop to its weights, scales, criteria or gates waits here rather than applying. Using it makes the next version, and scores against the old one then ask to be scored again.',
    events: ['rubric.added', 'rubric.changed'],
  },
  panel: {
    noun: 'panel',
    // Name, chair, quorum and areas field by field; members one by one.
    rule: 'fields-person-resolves',
    tables: ['panels', 'panel_members', 'panel_areas'],
    writes: 'manage-panels',
    page: (id) => `#/panels/${id}`,
    events: ['panel.added', 'panel.changed'],
  },
  panelAssignment: {
    noun: 'panel for an application',
    // By hand, for an application its area would give to another panel (or to none).
    rule: 'whole-record',
    tables: ['panel_assignments'],
    writes: 'manage-panels',
    page: (id) => `#/applications/${id}`,
    events: ['panel.assigned'],
  },
  declaration: {
    noun: 'declaration of interest',
    rule: 'append-only',
    tables: ['declarations'],
    writes: 'the member, or manage-panels from paper',
    page: (id) => `#/applications/${id.split('/')[0]}`,
    events: ['interest.declared'],
  },
  score: {
    noun: 'score',
    // Each member's own: their latest score per criterion, and that they submitted them.
    rule: 'owner-only',
    tables: ['scores', 'score_submissions', 'application_stages'],
    writes: 'the member, or manage-panels from paper',
    page: (id) => `#/applications/${id.split('/')[0]}`,
    events: ['score.entered', 'score.submitted'],
  },
  moderation: {
    noun: 'moderation',
    // The chair's moderated scores and recommendation: a later one supersedes, both stay.
    rule: 'append-only',
    tables: ['moderations', 'application_stages'],
    writes: 'moderate',
    page: (id) => `#/applications/${id}`,
    events: ['moderation.recorded'],
  },
  decision: {
    noun: 'decision',
    // The Chief Executive's signed decision: never edited; a later one supersedes, both stay.
    rule: 'append-only',
    tables: ['decisions', 'application_stages'],
    writes: 'sign-decisions',
    page: (id) => `#/applications/${id}`,
    events: ['decision.signed'],
  },
  offer: {
    noun: 'offer',
    // The offer letter sent, then the signed acceptance back: one of each per decision, the latest
    // in clock order standing (a date corrected). Only under a standing approval (docs/statuses.md).
    rule: 'whole-record',
    tables: ['offers', 'application_stages'],
    writes: 'record-offers',
    page: (id) => `#/applications/${id}`,
    events: ['offer.sent', 'offer.accepted'],
  },
  moderationOpening: {
    noun: 'opening of moderation',
    rule: 'whole-record',
    tables: ['moderation_opened'],
    writes: 'moderate',
    page: (id) => `#/panels/${id}`,
    events: ['moderation.opened'],
  },
  allocation: {
    noun: 'allocation',
    // One amount per recommended application: the latest in clock order stands.
    rule: 'whole-record',
    tables: ['allocations'],
    writes: 'allocate',
    page: (id) => `#/applications/${id}`,
    conflictNote:
      'Two laptops allocating one area at the same time can together pass its budget plus tolerance: every amount is kept and the area is listed here until someone lowers amounts in the allocation workspace.',
    events: ['allocation.set'],
    total: 'an area’s budget plus the round’s tolerance',
  },
  trust: {
    noun: 'trusted laptop',
    rule: 'local',
    tables: ['trusted_devices'],
    writes: 'exchange-bundles',
    page: () => '#/sync',
    events: ['device.trusted', 'device.revoked'],
  },
  versionChoice: {
    noun: 'choice between two versions of a laptop’s log',
    rule: 'whole-record',
    tables: ['chosen_versions'],
    writes: 'exchange-bundles',
    page: () => '#/sync',
    events: ['device.versionChosen'],
  },
  conflictResolution: {
    noun: 'conflict resolution',
    rule: 'append-only',
    tables: ['conflicts'],
    writes: 'as the record it settles',
    page: () => '#/conflicts',
    events: ['conflict.resolved'],
  },
  screening: {
    noun: 'eligibility screening',
    // A later screening supersedes those its author saw standing; two laptops screening one
    // application differently are raised for a person (docs/screening.md).
    rule: 'append-only',
    tables: ['screenings', 'application_stages'],
    writes: 'manage-register',
    page: (id) => `#/applications/${id}`,
    events: ['screening.recorded'],
  },
  importMapping: {
    noun: 'CSV column mapping',
    rule: 'whole-record',
    tables: ['import_mappings'],
    writes: 'manage-register',
    page: () => '#/import',
    events: ['importMapping.saved'],
  },
} as const satisfies Record<string, KindDeclaration>;

export type KindName = keyof typeof KINDS;
/** Every event type some kind declares. */
export type KindEventType = (typeof KINDS)[KindName]['events'][number];

/** Kinds whose concurrent edits a person resolves: the Conflicts screen's kinds. */
export type ConflictKind = { [K in KindName]: (typeof KINDS)[K]['rule'] extends 'fields-person-resolves' ? K : never }[KindName];
export const CONFLICT_KINDS = (Object.keys(KINDS) as KindName[]).filter((k) => KINDS[k].rule === 'fields-person-resolves') as [
  ConflictKind,
  ...ConflictKind[],
];

/** The capability writing a record of this kind needs. */
export function writeCapability(kind: ConflictKind): Capability {
  return KINDS[kind].writes;
}

/** Every table some kind projects into. */
export type KindTable = (typeof KINDS)[KindName]['tables'][number];
/** Tables the core keeps about the log itself: types it cannot project yet, signed heads, two versions of a log. */
export const LOG_TABLES = ['unprojected_types', 'signed_heads', 'equivocations'] as const;
/** Tables the generic merge rules keep: append-only entries, and totals that pass their limit. */
export const RULE_TABLES = ['entries', 'total_breaches'] as const;
/** A table a screen may read and a write may change: what the renderer's queries name. */
export type TableName = KindTable | (typeof LOG_TABLES)[number] | (typeof RULE_TABLES)[number];
/** Every table projected from the log: a rebuild empties and refills them (unknown types are recounted). */
export const PROJECTED_TABLES: readonly TableName[] = [
  ...new Set<TableName>([...(Object.keys(KINDS) as KindName[]).flatMap((k) => KINDS[k].tables), ...RULE_TABLES, 'unprojected_types']),
];

/** What each rule keeps besides a kind's own tables. */
const RULE_KEEPS: Record<MergeRule, readonly TableName[]> = {
  'fields-person-resolves': ['conflicts'],
  'owner-only': [],
  'append-only': ['entries'],
  'whole-record': [],
  vouching: [],
  local: [],
};

function tablesOfKind(kind: KindName): readonly TableName[] {
  const declared: KindDeclaration = KINDS[kind];
  const settles = kind === 'conflictResolution' ? ['conflicts' as const, ...CONFLICT_KINDS.flatMap((k) => KINDS[k].tables)] : [];
  const totals = declared.total ? ['total_breaches' as const] : [];
  return [...new Set<TableName>([...(declared.tables as TableName[]), ...RULE_KEEPS[declared.rule], ...settles, ...totals])];
}

const tablesByType = new Map<string, readonly TableName[]>(
  (Object.keys(KINDS) as KindName[]).flatMap((k) => KINDS[k].events.map((type) => [type, tablesOfKind(k)] as const)),
);

/**
 * The tables an event of this type may change: its kind's own, the conflicts a field-by-field
 * change may raise, and for a conflict's resolution the records it settles. An event of a type
 * from a newer GrantPanel is only counted.
 */
export function tablesChangedBy(type: string): readonly TableName[] {
  return tablesByType.get(type) ?? ['unprojected_types'];
}
