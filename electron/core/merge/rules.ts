// How concurrent edits from different laptops merge: one rule per kind of entity, here and nowhere
// else. Projections replay events in clock order, so each rule gives the same tables on every laptop
// whatever order the bundles arrived in.

export type MergeRule =
  /**
   * Each change names the value the editor saw and the value they chose, field by field. A change
   * made from the value now held applies; two laptops choosing different values for the same field
   * from the same starting point raise a conflict, which keeps the earlier value until a person
   * chooses (their choice is itself an event). Changes to different fields both apply.
   */
  | 'fields-person-resolves'
  /**
   * Only its owner may write it; anyone else's version is ignored. The owner's later version wins
   * and the earlier stays in the log as history.
   */
  | 'owner-only';

export const MERGE_RULES = {
  fund: 'fields-person-resolves',
  area: 'fields-person-resolves',
  round: 'fields-person-resolves',
  application: 'fields-person-resolves',
  /** A person's own record (name, role) is written only by that person's laptop. */
  person: 'owner-only',
} as const satisfies Record<string, MergeRule>;

export type EditableKind = {
  [K in keyof typeof MERGE_RULES]: (typeof MERGE_RULES)[K] extends 'fields-person-resolves' ? K : never;
}[keyof typeof MERGE_RULES];
