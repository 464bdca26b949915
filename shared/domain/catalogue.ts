// The catalogue's shapes and code lists. The catalogue itself is data (seeded, then edited).
import { z } from 'zod';
import { freeText, singleLine } from './text';

export const ORGANISATION_TYPES = {
  'community-group': 'Constituted community group',
  charity: 'Registered charity',
  cio: 'Charitable incorporated organisation',
  cic: 'Community interest company',
  'company-limited-by-guarantee': 'Company limited by guarantee',
  'faith-group': 'Faith group',
  'tenants-association': "Tenants' or residents' association",
  school: 'School or college',
  'public-body': 'Public body or partnership',
  other: 'Other',
} as const;
export type OrganisationType = keyof typeof ORGANISATION_TYPES;

/** Includes the seldom-heard communities the Commissioning Strategy asks panels to reach. */
export const BENEFICIARY_GROUPS = {
  'general-community': 'Residents of the area generally',
  'young-people': 'Children and young people',
  'older-people': 'Older people',
  'deprived-neighbourhoods': 'People in deprived neighbourhoods',
  'victims-domestic-sexual-abuse': 'Victims of domestic and sexual abuse',
  'victims-of-crime': 'Victims and witnesses of crime',
  'women-and-girls': 'Women and girls',
  'black-asian-minority-ethnic': 'Black, Asian and minority ethnic communities',
  'disabled-people': 'Disabled people',
  lgbt: 'LGBT communities',
  'people-who-offend': 'People who have offended or are at risk of offending',
  'substance-misuse': 'People affected by drug or alcohol misuse',
} as const;
export type BeneficiaryGroup = keyof typeof BENEFICIARY_GROUPS;

export const ROUND_STATUSES = ['draft', 'open', 'closed'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

export const APPLICATION_STATUSES = ['received', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

const slug = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'Use up to 40 lower-case letters, digits and hyphens');

/** A check the officer answers from reading the application, with what the applicant is told if it fails. */
export const officerCheckSchema = z.object({
  question: singleLine(
    z
      .string('Enter the question the officer answers')
      .trim()
      .min(1, 'Enter the question the officer answers')
      .max(200, 'A check’s question must be 200 characters or fewer'),
    'Question',
  ),
  failSentence: freeText(
    z
      .string('Enter what the applicant is told if it fails')
      .trim()
      .min(1, 'Enter what the applicant is told if it fails')
      .max(500, 'What the applicant is told must be 500 characters or fewer'),
    'What the applicant is told',
  ),
});
export type OfficerCheck = z.infer<typeof officerCheckSchema>;
export const MAX_OFFICER_CHECKS = 20;

const organisationTypeIds = Object.keys(ORGANISATION_TYPES) as [OrganisationType, ...OrganisationType[]];

export const fundSchema = z.object({
  id: slug,
  name: singleLine(z.string().trim().min(1, 'Enter the fund name').max(120, 'Fund name must be 120 characters or fewer'), 'Fund name'),
  code: singleLine(
    z.string().trim().min(1, 'Enter a short code, like ACF').max(12, 'Fund code must be 12 characters or fewer'),
    'Fund code',
  ),
  source: singleLine(z.string().trim().max(500, 'Source must be 500 characters or fewer'), 'Source'),
  maxAwardPence: z.number().int().positive('The maximum award must be more than £0').nullable(),
  eligibility: freeText(z.string().trim().max(2000, 'Eligibility must be 2,000 characters or fewer'), 'Eligibility'),
  // Screening's checklist (issue 11). Funds recorded before it lack these fields: no minimum, every
  // type allowed, and the officer checks shipped for the fund (null: never edited).
  minAwardPence: z.number().int().positive('The minimum award must be more than £0').nullable().default(null),
  organisationTypes: z
    .array(z.enum(organisationTypeIds, 'Choose types of organisation from the list'))
    .max(organisationTypeIds.length)
    .refine((xs) => new Set(xs).size === xs.length, 'Choose each type of organisation once')
    .default([]),
  officerChecks: z
    .array(officerCheckSchema)
    .max(MAX_OFFICER_CHECKS, `A fund can have up to ${MAX_OFFICER_CHECKS} checks`)
    .nullable()
    .default(null),
});
export type Fund = z.infer<typeof fundSchema>;

export const areaSchema = z.object({
  id: slug,
  name: singleLine(z.string().trim().min(1, 'Enter the area name').max(80, 'Area name must be 80 characters or fewer'), 'Area name'),
  onsCode: z
    .string()
    .trim()
    .regex(/^[EWSN]\d{8}$/, 'Enter the ONS code, like E08000026')
    .nullable(),
  localAuthority: singleLine(
    z.string().trim().min(1, 'Enter the local authority').max(80, 'Local authority must be 80 characters or fewer'),
    'Local authority',
  ),
});
export type Area = z.infer<typeof areaSchema>;

export interface Priority {
  id: string;
  planId: string;
  code: string;
  title: string;
}

/** A plan holds its priorities whole; a few dozen at most in practice. */
export const MAX_PLAN_PRIORITIES = 50;

const planYear = (which: 'first' | 'last') => {
  const example = which === 'first' ? 2029 : 2033;
  return z
    .number({ error: `Enter the plan’s ${which} year, like ${example}` })
    .int(`Enter the plan’s ${which} year as a whole year, like ${example}`)
    .min(2000, `The plan’s ${which} year must be 2000 or later`)
    .max(2100, `The plan’s ${which} year must be 2100 or earlier`);
};

/** A priority as the plan form gives it: an existing one keeps its id; a new one has none yet. */
export const priorityInputSchema = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/, 'This priority’s id is not one GrantPanel made')
    .nullable()
    .default(null),
  code: singleLine(
    z
      .string()
      .trim()
      .min(1, 'Enter a short code for the priority, like VIOLENCE')
      .max(20, 'A priority’s code must be 20 characters or fewer')
      .regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, 'Use letters, digits and hyphens in a priority’s code, like VIOLENCE'),
    'Priority code',
  ),
  title: singleLine(
    z.string().trim().min(1, 'Enter the priority as the plan words it').max(200, 'A priority must be 200 characters or fewer'),
    'Priority',
  ),
});
export type PriorityInput = z.input<typeof priorityInputSchema>;

/**
 * A plan as the plan form saves it, adding one or changing one. Its sections are not edited here;
 * a new plan has none. Checks across fields name the field a person fixes.
 */
export const planInputSchema = z
  .object({
    id: slug,
    adding: z.boolean().default(false),
    /** Rewording priorities applications chose is saved only once a person has seen what it changes. */
    confirmed: z.boolean().default(false),
    name: singleLine(
      z
        .string()
        .trim()
        .min(1, 'Enter the plan’s name, like Police and Crime Plan 2029–2033')
        .max(120, 'The plan’s name must be 120 characters or fewer'),
      'Plan name',
    ),
    startYear: planYear('first'),
    endYear: planYear('last'),
    priorities: z
      .array(priorityInputSchema)
      .min(1, 'Add at least one priority')
      .max(MAX_PLAN_PRIORITIES, `A plan can have up to ${MAX_PLAN_PRIORITIES} priorities`),
  })
  // Run even when a field has its own problem, so the form lists every problem at once; each check
  // looks only at values that parsed.
  .superRefine(
    (p, ctx) => {
      if (typeof p !== 'object' || p === null) return;
      const years = [p.startYear, p.endYear].every((y) => typeof y === 'number' && Number.isInteger(y));
      if (years && p.endYear <= p.startYear)
        ctx.addIssue({ code: 'custom', path: ['endYear'], message: 'The plan’s last year must be after its first year' });
      if (!Array.isArray(p.priorities)) return;
      const codes = new Set<string>();
      const titles = new Set<string>();
      const ids = new Set<string>();
      p.priorities.forEach((x, i) => {
        const code = typeof x?.code === 'string' ? x.code.trim() : '';
        const title = typeof x?.title === 'string' ? x.title.trim() : '';
        if (code && codes.has(code.toUpperCase()))
          ctx.addIssue({
            code: 'custom',
            path: ['priorities', i, 'code'],
            message: `Give each priority its own code: ${code} is used twice`,
          });
        if (title && titles.has(title.toLowerCase()))
          ctx.addIssue({
            code: 'custom',
            path: ['priorities', i, 'title'],
            message: `Each priority must be different: “${title}” is listed twice`,
          });
        if (typeof x?.id === 'string' && ids.has(x.id))
          ctx.addIssue({ code: 'custom', path: ['priorities'], message: 'A priority is listed twice' });
        codes.add(code.toUpperCase());
        titles.add(title.toLowerCase());
        if (typeof x?.id === 'string') ids.add(x.id);
      });
    },
    { when: () => true },
  );
export type PlanInput = z.output<typeof planInputSchema>;

export interface Plan {
  id: string;
  name: string;
  startYear: number;
  endYear: number;
  sections: { number: number; title: string }[];
  priorities: Priority[];
}

export interface AreaBudget {
  areaId: string;
  amountPence: number;
}

export interface Round {
  id: string;
  fundId: string;
  planId: string;
  name: string;
  opens: string;
  closes: string;
  status: RoundStatus;
  budgets: AreaBudget[];
  /** The spending window projects must fall inside (screening's check); rounds recorded before it lack these. */
  spendFrom?: string | null;
  spendBy?: string | null;
  /** A limit on the whole round's awards, beside the areas' budgets; none when null (rounds before allocation lack it). */
  totalPence?: number | null;
  /** How far over an area's budget allocation may go, where underspend is expected: whole percent, 0 by default. */
  tolerancePercent?: number;
}

/** The plan in force in a year (the newest of those covering it), else the newest: a plan adopted ahead of its term waits for it. */
export function planInForce<P extends Pick<Plan, 'startYear' | 'endYear' | 'id'>>(plans: readonly P[], year: number): P | undefined {
  const newestFirst = [...plans].sort((a, b) => b.startYear - a.startYear || b.id.localeCompare(a.id));
  return newestFirst.find((p) => p.startYear <= year && year <= p.endYear) ?? newestFirst[0];
}
