// A round's rubric: what a panel scores each application against. Criteria carry a descriptor for
// every level of their scale and a weight; gates are pass/fail (a failed gate excludes whatever the
// score); bands turn the weighted percentage into a recommendation. A rubric is versioned: once a
// score names a version, its weights and levels are fixed (a change is a new version).
import { z } from 'zod';
import { freeText, singleLine } from './text';

/** The highest level of a criterion's scale: scored 0–4 or 0–5. */
export const SCALES = [4, 5] as const;
export type Scale = (typeof SCALES)[number];

export interface Criterion {
  id: string;
  name: string;
  guidance: string;
  /** Levels run 0..scale. */
  scale: Scale;
  /** One descriptor per level, index = level: `descriptors.length === scale + 1`. */
  descriptors: string[];
  /** A whole number from 1; only the ratio between weights matters. */
  weight: number;
  /** The Police and Crime Plan priorities it assesses (ids from the round's plan); may be none. */
  priorityIds: string[];
}

export interface Gate {
  id: string;
  name: string;
  guidance: string;
}

/** Bands from highest to lowest; the lowest starts at 0 so every percentage has one. */
export interface Band {
  id: 'recommend' | 'refer' | 'do-not-recommend';
  label: string;
  /** A whole-number percentage: a weighted percentage at or above it (and below the band above) falls here. */
  fromPercent: number;
}

export interface RubricContent {
  criteria: Criterion[];
  gates: Gate[];
  bands: Band[];
  /** A criterion is spread-flagged when members' scores differ by this many points or more. */
  spreadPoints: number;
  /** An application is spread-flagged when the standard deviation of members' weighted percentages passes this (percentage points). */
  spreadDeviation: number;
  /** Say so when an application's normalised rank differs from its raw rank by more than this many places. */
  rankShiftPlaces: number;
}

export interface Rubric extends RubricContent {
  roundId: string;
  /** 1 for a round's first rubric; a change after scoring began makes the next one. */
  version: number;
}

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'Use up to 40 lower-case letters, digits and hyphens');
const name = (what: string) =>
  singleLine(
    z.string(`Enter the ${what}`).trim().min(1, `Enter the ${what}`).max(120, `The ${what} must be 120 characters or fewer`),
    `The ${what}`,
  );
const prose = (what: string, max: number) =>
  freeText(
    z
      .string(`Enter the ${what}`)
      .trim()
      .max(max, `The ${what} must be ${max.toLocaleString('en-GB')} characters or fewer`),
    `The ${what}`,
  );

export const criterionSchema = z
  .object({
    id,
    name: name('criterion name'),
    guidance: prose('guidance', 2000),
    scale: z.union([z.literal(4), z.literal(5)], 'Choose a scale of 0 to 4 or 0 to 5'),
    descriptors: z.array(prose('level descriptor', 500).pipe(z.string().min(1, 'Describe every level of the scale'))).max(6),
    weight: z
      .number('Enter the weight as a whole number')
      .int('Enter the weight as a whole number')
      .min(1, 'A weight must be 1 or more')
      .max(100, 'A weight must be 100 or less'),
    priorityIds: z.array(z.string().min(1).max(100)).max(50).default([]),
  })
  .superRefine((c, ctx) => {
    if (c.descriptors.length !== c.scale + 1)
      ctx.addIssue({
        code: 'custom',
        path: ['descriptors'],
        message: `Describe each of the ${c.scale + 1} levels, 0 to ${c.scale}`,
      });
  });

export const gateSchema = z.object({ id, name: name('gate name'), guidance: prose('guidance', 2000) });

const percent = z
  .number('Enter the band’s lowest percentage as a whole number')
  .int('Enter the band’s lowest percentage as a whole number')
  .min(0, 'A band cannot start below 0%')
  .max(100, 'A band cannot start above 100%');

/** Ids are unique within a list: a score names its criterion or gate by id. */
const uniqueIds = <T extends { id: string }>(list: T[], ctx: z.RefinementCtx, what: string) => {
  const seen = new Set<string>();
  list.forEach((x, i) => {
    if (seen.has(x.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `Each ${what} needs its own id` });
    seen.add(x.id);
  });
};

export const criteriaSchema = z
  .array(criterionSchema)
  .min(1, 'Add at least one criterion')
  .max(20, 'Use 20 criteria or fewer')
  .superRefine((list, ctx) => uniqueIds(list, ctx, 'criterion'));

export const gatesSchema = z
  .array(gateSchema)
  .max(10, 'Use 10 gates or fewer')
  .superRefine((list, ctx) => uniqueIds(list, ctx, 'gate'));

export const bandsSchema = z
  .array(z.object({ id: z.enum(['recommend', 'refer', 'do-not-recommend']), label: name('band name'), fromPercent: percent }))
  .min(1, 'Add at least one band')
  .max(3, 'Use 3 bands or fewer')
  .superRefine((bands, ctx) => {
    uniqueIds(bands, ctx, 'band');
    bands.forEach((b, i) => {
      const above = bands[i - 1];
      if (above && b.fromPercent >= above.fromPercent)
        ctx.addIssue({ code: 'custom', path: [i, 'fromPercent'], message: 'Each band must start below the band above it' });
    });
    if (bands.at(-1)?.fromPercent !== 0)
      ctx.addIssue({ code: 'custom', path: [bands.length - 1, 'fromPercent'], message: 'The lowest band must start at 0%' });
  });

/** Each field of a rubric on its own: a change from another laptop is checked field by field. */
export const rubricFieldSchemas = {
  criteria: criteriaSchema,
  gates: gatesSchema,
  bands: bandsSchema,
  spreadPoints: z.number().int().min(1, 'The spread in points must be 1 or more').max(5, 'The spread in points must be 5 or less'),
  spreadDeviation: z.number().int().min(1, 'The spread threshold must be 1 or more').max(100, 'The spread threshold must be 100 or less'),
  rankShiftPlaces: z.number().int().min(1, 'The rank difference must be 1 or more').max(1000, 'The rank difference must be 1,000 or less'),
};

export const rubricContentSchema = z.object(rubricFieldSchemas);

/**
 * What a score depends on: each criterion's id, scale and weight, and the gates. Once a score names
 * a version these may not change within it (wording, bands and thresholds may).
 */
export function scoringShape(r: Pick<RubricContent, 'criteria' | 'gates'>): string {
  return JSON.stringify([r.criteria.map((c) => [c.id, c.scale, c.weight]), r.gates.map((g) => g.id)]);
}

const FIVE_LEVELS = (none: string, weak: string, some: string, good: string, strong: string, excellent: string) => [
  none,
  weak,
  some,
  good,
  strong,
  excellent,
];

/**
 * The Commissioning Strategy's principles as criteria: fit to the round's Plan priorities weighted
 * highest, then need, outcomes, value for money, sustainability, reach, deliverability; governance
 * as a gate. The officer edits it per round.
 */
export function defaultRubric(priorityIds: readonly string[]): RubricContent {
  const criterion = (cid: string, cname: string, weight: number, guidance: string, levels: string[], priorities: readonly string[] = []) =>
    ({ id: cid, name: cname, guidance, scale: 5, descriptors: levels, weight, priorityIds: [...priorities] }) satisfies Criterion;
  return {
    criteria: [
      criterion(
        'plan-fit',
        'Fit to the Police and Crime Plan priorities',
        3,
        'How directly the project contributes to the round’s Plan priorities and to preventing or reducing crime or improving community safety.',
        FIVE_LEVELS(
          'No link to the round’s priorities.',
          'A weak or indirect link to one priority.',
          'A plausible link to a priority, not well explained.',
          'A clear contribution to at least one priority.',
          'A clear, well-evidenced contribution to one or more priorities.',
          'Central to the priorities, with a compelling account of how it reduces crime or harm.',
        ),
        priorityIds,
      ),
      criterion(
        'need',
        'Evidence of local need',
        2,
        'Whether the need is real, local and evidenced: data, consultation, partners’ support.',
        FIVE_LEVELS(
          'No need described.',
          'Need asserted without evidence.',
          'Some local evidence, general or dated.',
          'Local evidence of need.',
          'Strong, current local evidence from more than one source.',
          'Compelling evidence, with residents or partners shaping the project.',
        ),
      ),
      criterion(
        'outcomes',
        'Measurable outcomes',
        2,
        'Whether the outcomes are specific and the group will measure and report them.',
        FIVE_LEVELS(
          'No outcomes.',
          'Outcomes vague, no measures.',
          'Some outcomes, weak measures.',
          'Clear outcomes with measures.',
          'Specific outcomes with realistic targets and measures.',
          'Specific, ambitious and realistic outcomes with a clear plan to measure and report.',
        ),
      ),
      criterion(
        'value',
        'Value for money',
        2,
        'Whether the budget is realistic, each line is needed, and the cost per person reached is reasonable.',
        FIVE_LEVELS(
          'No budget detail, or costs not eligible.',
          'Costs unclear or high for what is delivered.',
          'Costs broadly reasonable, some lines unexplained.',
          'Costs reasonable and explained.',
          'Good value, costs well explained.',
          'Excellent value, with other resources or volunteers adding to the grant.',
        ),
      ),
      criterion(
        'sustainability',
        'Sustainability',
        1,
        'What lasts after the grant: skills, volunteers, partnerships, further funding.',
        FIVE_LEVELS(
          'Nothing lasts after the grant.',
          'Little thought to what happens next.',
          'Some lasting benefit.',
          'A credible plan for what lasts.',
          'Clear lasting benefits and next steps.',
          'Lasting change, with the group or partners carrying it on.',
        ),
      ),
      criterion(
        'reach',
        'Reach to seldom-heard communities',
        1,
        'Whether the project reaches people the Commissioning Strategy names: deprived neighbourhoods, victims of domestic and sexual abuse, Black, Asian and minority ethnic communities, disabled people, LGBT communities.',
        FIVE_LEVELS(
          'No thought to who is reached.',
          'Open to all, with no active reach.',
          'Some effort to reach seldom-heard groups.',
          'Reaches at least one seldom-heard group.',
          'Designed with and for seldom-heard groups.',
          'Led by or with seldom-heard communities, with strong reach.',
        ),
      ),
      criterion(
        'deliverability',
        'Deliverability',
        1,
        'Whether the group can deliver on time: skills, experience, a realistic plan and timetable.',
        FIVE_LEVELS(
          'No plan.',
          'Plan unrealistic or unclear.',
          'Plan workable with gaps.',
          'A realistic plan and timetable.',
          'A realistic plan from a group with a track record.',
          'A detailed, realistic plan, with risks identified and managed.',
        ),
      ),
    ],
    gates: [
      {
        id: 'governance',
        name: 'Governance adequate',
        guidance:
          'A properly constituted group with its own bank account (two signatories) or an umbrella body holding the money, and appropriate safeguarding.',
      },
    ],
    bands: [
      { id: 'recommend', label: 'Recommend', fromPercent: 70 },
      { id: 'refer', label: 'Refer', fromPercent: 50 },
      { id: 'do-not-recommend', label: 'Do not recommend', fromPercent: 0 },
    ],
    spreadPoints: 2,
    spreadDeviation: 15,
    rankShiftPlaces: 3,
  };
}

/** A round's rubric as every laptop keeps it: its id is the round's. */
export interface RubricRecord extends RubricContent {
  id: string;
  version: number;
}
