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
}
