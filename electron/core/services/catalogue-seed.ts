// What a new GrantPanel starts with: the funds, areas and plans of the OPCC's Commissioning
// Strategy and Police and Crime Plans. Seeded once as events; from then on it is edited data.
import type { Area, Fund, Plan } from '../../../shared/domain/catalogue';

/** Seeds keep the shape they shipped with; screening's checklist for them is DEFAULT_OFFICER_CHECKS and DEFAULT_ORGANISATION_TYPES. */
type FundAsShipped = Omit<Fund, 'minAwardPence' | 'organisationTypes' | 'officerChecks'>;

export const SEED_FUNDS: FundAsShipped[] = [
  {
    id: 'acf',
    name: 'Active Citizens Fund',
    code: 'ACF',
    source: 'Money recovered under the Proceeds of Crime Act 2002 and the Police Property Act',
    maxAwardPence: 500_000,
    eligibility:
      'Community and voluntary sector organisations: a properly constituted group with its own bank account and at least two signatories (or an umbrella body that holds the money). The project benefits the area’s residents and contributes to crime prevention, crime reduction or community safety. Not for individuals, sponsorship, trips or fundraising; salaries are not funded; revenue costs only where essential to a time-limited project. No match funding required.',
  },
  {
    id: 'csf',
    name: 'Community Safety Fund',
    code: 'CSF',
    source: 'Police Main Grant, distributed to the seven Community Safety Partnerships',
    maxAwardPence: null,
    eligibility:
      'Community Safety Partnerships, against the West Midlands Community Safety Partnership priorities: preventing crime and disorder; serious and organised crime; supporting victims; offending and reoffending; substance misuse. Spent in-year, mostly on frontline delivery; cannot fund statutory services or posts partners must provide.',
  },
  {
    id: 'ecf',
    name: 'External Commissioning Fund',
    code: 'ECF',
    source: 'Police Main Grant',
    maxAwardPence: null,
    eligibility:
      'Offender management, gangs and violence, intervention and prevention, domestic violence perpetrator programmes, community work.',
  },
  {
    id: 'victims',
    name: 'Victims Fund',
    code: 'VF',
    source: 'Ministry of Justice ring-fenced grant (Domestic Violence, Crime and Victims Act 2004)',
    maxAwardPence: null,
    eligibility:
      'Services for victims that are free, confidential and available whether or not the crime was reported (Article 8 of the EU Victims Directive). Grant returns include quantitative information.',
  },
  {
    id: 'vru',
    name: 'Violence Reduction Unit funding',
    code: 'VRU',
    source: 'Violence Reduction Unit',
    maxAwardPence: null,
    eligibility: 'A public-health, multi-agency approach to preventing serious violence.',
  },
];

export const SEED_AREAS: Area[] = [
  { id: 'birmingham', name: 'Birmingham', onsCode: 'E08000025', localAuthority: 'Birmingham City Council' },
  { id: 'coventry', name: 'Coventry', onsCode: 'E08000026', localAuthority: 'Coventry City Council' },
  { id: 'dudley', name: 'Dudley', onsCode: 'E08000027', localAuthority: 'Dudley Metropolitan Borough Council' },
  { id: 'sandwell', name: 'Sandwell', onsCode: 'E08000028', localAuthority: 'Sandwell Metropolitan Borough Council' },
  { id: 'solihull', name: 'Solihull', onsCode: 'E08000029', localAuthority: 'Solihull Metropolitan Borough Council' },
  { id: 'walsall', name: 'Walsall', onsCode: 'E08000030', localAuthority: 'Walsall Metropolitan Borough Council' },
  { id: 'wolverhampton', name: 'Wolverhampton', onsCode: 'E08000031', localAuthority: 'City of Wolverhampton Council' },
];

const priorities = (planId: string, list: [string, string][]) =>
  list.map(([code, title]) => ({ id: `${planId}:${code}`, planId, code, title }));

export const SEED_PLANS: Plan[] = [
  {
    id: 'pcp-2021-2025',
    name: 'Police and Crime Plan 2021–2025',
    startYear: 2021,
    endYear: 2025,
    sections: [
      { number: 1, title: 'West Midlands Police' },
      { number: 2, title: 'Working in Partnership Locally' },
      { number: 3, title: 'Police Collaboration' },
      { number: 4, title: 'Civic leadership and campaigning for change' },
      { number: 5, title: 'Good governance, transparency, equality and public engagement' },
      { number: 6, title: 'Funding, grants, resources, police precept and financial planning' },
    ],
    priorities: priorities('pcp-2021-2025', [
      ['VAWG', 'Violence against women and girls and domestic abuse'],
      ['VIOLENCE', 'Violent crime, including knife crime'],
      ['DRUGS', 'Drug policy'],
      ['NEIGHBOURHOOD', 'Neighbourhood policing'],
      ['ASB', 'Anti-social behaviour'],
      ['ROADS', 'Speeding and road safety'],
      ['WOMEN', 'Women’s safety'],
      ['YOUNG', 'Young people'],
      ['VICTIMS', 'Supporting victims'],
      ['REOFFENDING', 'Reducing reoffending'],
    ]),
  },
  {
    id: 'pcp-2025-2029',
    name: 'Police and Crime Plan 2025–2029',
    startYear: 2025,
    endYear: 2029,
    sections: [],
    priorities: priorities('pcp-2025-2029', [
      ['COMMUNITY', 'Rebuilding Community Policing'],
      ['VIOLENCE', 'Preventing and Tackling Violence'],
      ['ROADS', 'Road and Travel Safety'],
      ['NEIGHBOURHOOD', 'Neighbourhood Crime'],
      ['VICTIMS', 'Victims and Witnesses'],
      ['EQUAL', 'An Equal and Fair West Midlands'],
      ['PREVENTION', 'Prevention and Rehabilitation'],
    ]),
  },
];
