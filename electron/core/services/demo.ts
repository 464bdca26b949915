// The demo round: about 40 fictional applications across areas, funds and priorities, so a
// newcomer can try everything. Every name here is invented; contact details use reserved
// example domains and Ofcom's drama phone numbers.
import type { ApplicationDraft } from '../../../shared/domain/application';
import type { BeneficiaryGroup, OrganisationType, Round } from '../../../shared/domain/catalogue';
import { DomainError } from '../../../shared/contract/result';
import { authorise } from '../authorise';
import { write, type CoreContext, type Handlers } from '../context';
import { createRound } from './rounds';
import { recordScreening, roundScreening } from './screening';
import { nextReference, receive } from './applications';
import { SEED_AREAS } from './catalogue-seed';

interface Idea {
  title: string;
  summary: string;
  groups: BeneficiaryGroup[];
  priorities: string[];
  lines: [string, number][];
  outcome: [string, string];
}

const IDEAS: Idea[] = [
  {
    title: 'Friday night youth football',
    summary:
      'Free floodlit football sessions on Friday evenings for 11–17 year olds, with youth workers and neighbourhood officers joining in, at the times anti-social behaviour peaks.',
    groups: ['young-people', 'deprived-neighbourhoods'],
    priorities: ['VIOLENCE', 'NEIGHBOURHOOD'],
    lines: [
      ['Pitch hire (30 weeks)', 1800],
      ['Qualified coaches', 1500],
      ['Kit and equipment', 450],
    ],
    outcome: ['Fewer ASB reports near the park on Friday nights', 'Police ASB data for the ward, quarterly'],
  },
  {
    title: 'Safer Streets women’s walking group',
    summary: 'Guided evening walks that map poorly lit paths and hotspots women avoid, shared with the council and the neighbourhood team.',
    groups: ['women-and-girls'],
    priorities: ['VIOLENCE', 'NEIGHBOURHOOD'],
    lines: [
      ['Hi-vis and torches', 300],
      ['Printed maps and report', 400],
      ['Volunteer expenses', 250],
    ],
    outcome: ['Hotspots reported and acted on', 'Count of issues logged and resolved'],
  },
  {
    title: 'Knife crime awareness in schools',
    summary:
      'Workshops led by a mother who lost her son to knife crime, for Year 8 and 9 pupils, with follow-up mentoring for those at risk.',
    groups: ['young-people'],
    priorities: ['VIOLENCE', 'PREVENTION'],
    lines: [
      ['Workshop delivery (12 schools)', 3000],
      ['Mentoring sessions', 1200],
      ['Resources', 300],
    ],
    outcome: ['Pupils understand the risks of carrying knives', 'Before-and-after survey of pupils'],
  },
  {
    title: 'Community speedwatch kit',
    summary:
      'Speed detection devices, signs and training so residents can run Community Speedwatch on the roads outside two primary schools.',
    groups: ['general-community'],
    priorities: ['ROADS'],
    lines: [
      ['Speed detection device', 1600],
      ['Signs and hi-vis', 350],
      ['Training day', 250],
    ],
    outcome: ['Lower speeds outside schools', 'Speedwatch readings logged monthly'],
  },
  {
    title: 'Domestic abuse drop-in at the community centre',
    summary:
      'A weekly confidential drop-in with a trained independent advocate, childcare provided, in a neighbourhood with high repeat referrals.',
    groups: ['victims-domestic-sexual-abuse', 'women-and-girls'],
    priorities: ['VICTIMS', 'EQUAL'],
    lines: [
      ['Advocate sessions', 2600],
      ['Room hire', 800],
      ['Childcare', 900],
    ],
    outcome: ['Survivors supported earlier', 'Number of people supported and onward referrals'],
  },
  {
    title: 'Lock and light: home security for older residents',
    summary: 'Volunteers fit door chains, window locks and timer lights for older residents after burglaries in the area.',
    groups: ['older-people', 'victims-of-crime'],
    priorities: ['NEIGHBOURHOOD', 'VICTIMS'],
    lines: [
      ['Locks, chains and timers', 1900],
      ['Volunteer travel', 300],
    ],
    outcome: ['Fewer repeat burglaries among households helped', 'Follow-up calls after six months'],
  },
  {
    title: 'Boxing club for young people at risk',
    summary: 'Evening boxing, mentoring and help into training for young people referred by schools and youth offending services.',
    groups: ['young-people', 'people-who-offend'],
    priorities: ['VIOLENCE', 'PREVENTION'],
    lines: [
      ['Coach sessions', 2400],
      ['Equipment', 800],
      ['Hall hire', 1000],
    ],
    outcome: ['Young people stay engaged and out of trouble', 'Attendance and referral outcomes'],
  },
  {
    title: 'LGBT hate crime reporting champions',
    summary: 'Training volunteers in bars and community spaces to support people to report hate crime, with a third-party reporting point.',
    groups: ['lgbt', 'victims-of-crime'],
    priorities: ['EQUAL', 'VICTIMS'],
    lines: [
      ['Training', 1200],
      ['Publicity', 500],
      ['Volunteer expenses', 300],
    ],
    outcome: ['More hate crimes reported', 'Third-party reports received'],
  },
  {
    title: 'Recovery café for people affected by drugs and alcohol',
    summary: 'A weekly peer-led café and signposting for people in recovery and their families.',
    groups: ['substance-misuse'],
    priorities: ['PREVENTION'],
    lines: [
      ['Room hire', 900],
      ['Food', 700],
      ['Peer volunteer training', 600],
    ],
    outcome: ['People sustain recovery', 'Attendance and self-reported wellbeing'],
  },
  {
    title: 'Neighbourhood Watch relaunch',
    summary:
      'Relaunching three lapsed Neighbourhood Watch schemes with street signs, leaflets and a residents’ meeting with the local inspector.',
    groups: ['general-community', 'older-people'],
    priorities: ['COMMUNITY', 'NEIGHBOURHOOD'],
    lines: [
      ['Street signs', 600],
      ['Leaflets', 250],
      ['Meeting costs', 150],
    ],
    outcome: ['Active watch schemes with coordinators', 'Number of members and coordinators'],
  },
  {
    title: 'Disability hate crime awareness',
    summary: 'Accessible sessions for disabled people and carers on recognising and reporting hate crime and mate crime.',
    groups: ['disabled-people', 'victims-of-crime'],
    priorities: ['EQUAL', 'VICTIMS'],
    lines: [
      ['Session delivery', 1400],
      ['Easy-read materials', 600],
      ['BSL interpretation', 500],
    ],
    outcome: ['Disabled people feel able to report', 'Post-session questionnaire'],
  },
  {
    title: 'Mosque and gurdwara safety partnership',
    summary: 'Joint safety audits and stewards’ training for faith buildings after a series of thefts and threats.',
    groups: ['black-asian-minority-ethnic', 'general-community'],
    priorities: ['NEIGHBOURHOOD', 'EQUAL'],
    lines: [
      ['Security audits', 1200],
      ['Steward training', 900],
      ['Signage', 300],
    ],
    outcome: ['Faith buildings better protected', 'Incidents reported before and after'],
  },
];

const ORGS: [string, OrganisationType][] = [
  ['Northfield Community Trust', 'charity'],
  ['Foleshill Residents’ Association', 'tenants-association'],
  ['Brierley Hill Youth Project', 'community-group'],
  ['Smethwick Together CIC', 'cic'],
  ['Chelmsley Wood Friends Group', 'community-group'],
  ['Caldmore Village Partnership', 'charity'],
  ['Whitmore Reans Boxing Club', 'community-group'],
  ['Kingstanding Women’s Network', 'cio'],
  ['Tipton Faith Forum', 'faith-group'],
  ['Bloxwich Recovery Collective', 'community-group'],
];

const FIRST = ['Amira', 'David', 'Priya', 'Tom', 'Grace', 'Imran', 'Sophie', 'Kwame', 'Helen', 'Jas'];
const LAST = ['Khan', 'Walker', 'Patel', 'Hughes', 'Okafor', 'Singh', 'Evans', 'Mensah', 'Clarke', 'Begum'];

/** A small deterministic generator, so every laptop's demo is the same. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function demoDrafts(rounds: { round: Round; planId: string; count: number; scale: number }[]): ApplicationDraft[] {
  const rand = prng(2026);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const drafts: ApplicationDraft[] = [];
  let n = 0;
  for (const { round, planId, count, scale } of rounds) {
    for (let i = 0; i < count; i++, n++) {
      const idea = IDEAS[n % IDEAS.length] as Idea;
      const [org, type] = ORGS[n % ORGS.length] as [string, OrganisationType];
      const area = round.budgets.length ? pick(round.budgets).areaId : pick(SEED_AREAS).id;
      const lines = idea.lines.map(([item, pounds]) => ({ item, amount: Math.round(pounds * scale * (0.8 + rand() * 0.4)) * 100 }));
      const first = pick(FIRST);
      const last = pick(LAST);
      const start = `2027-0${1 + Math.floor(rand() * 3)}-${String(1 + Math.floor(rand() * 27)).padStart(2, '0')}`;
      drafts.push({
        reference: '',
        roundId: round.id,
        organisationName: org,
        organisationType: type,
        charityNumber: type === 'charity' ? String(1100000 + Math.floor(rand() * 99999)) : '',
        companyNumber: type === 'cic' ? `1${String(Math.floor(rand() * 9999999)).padStart(7, '0')}` : '',
        constituted: rand() > 0.08,
        bankTwoSignatories: rand() > 0.1,
        contactName: `${first} ${last}`,
        contactEmail: `${first}.${last}@example.org`.toLowerCase(),
        contactPhone: `0121 496 0${String(Math.floor(rand() * 999)).padStart(3, '0')}`,
        projectTitle: idea.title,
        summary: idea.summary,
        areaId: area,
        inImpactArea: rand() > 0.6,
        amountRequested: lines.reduce((s, l) => s + l.amount, 0),
        budgetLines: lines,
        startDate: start,
        endDate: `2027-${String(6 + Math.floor(rand() * 6)).padStart(2, '0')}-30`,
        priorityIds: idea.priorities.map((code) => `${planId}:${code}`).filter((id, i, all) => all.indexOf(id) === i),
        beneficiaryGroups: idea.groups,
        expectedBeneficiaries: 20 + Math.floor(rand() * 400),
        outcomes: [{ outcome: idea.outcome[0], measure: idea.outcome[1] }],
        sustainability:
          'The group will keep the activity going with volunteers and will seek funding from local trusts after the grant ends.',
      });
    }
  }
  return drafts;
}

// The 2021–25 plan's codes for the ideas that use 2025–29 codes, so the CSF round (old plan) works too.
const OLD_PLAN_CODES: Record<string, string> = {
  COMMUNITY: 'NEIGHBOURHOOD',
  PREVENTION: 'REOFFENDING',
  EQUAL: 'VICTIMS',
  NEIGHBOURHOOD: 'ASB',
};

export const demoHandlers: Handlers<'demo.load'> = {
  'demo.load': (_, ctx: CoreContext) => {
    authorise(ctx, 'manage-register');
    if (ctx.db.prepare("SELECT 1 FROM rounds WHERE name LIKE '%(demo)'").get()) {
      throw new DomainError('CONFLICT', 'The demo rounds are already loaded — find them under Rounds');
    }
    // One transaction for the rounds and their applications (createRound's write nests as a savepoint).
    return write(ctx, () => loadDemo(ctx));
  },
};

/** The demo rounds and their applications, inside the caller's write. */
export function loadDemo(ctx: CoreContext) {
  const acf = createRound(ctx, {
    fundId: 'acf',
    planId: 'pcp-2025-2029',
    name: 'Active Citizens Fund 2026–27 (demo)',
    opens: '2026-10-01',
    closes: '2026-12-18',
    status: 'open',
    spendFrom: '2027-01-01',
    spendBy: '2027-12-31',
    totalPence: null,
    tolerancePercent: 0,
    budgets: SEED_AREAS.map((a) => ({ areaId: a.id, amountPence: (a.id === 'birmingham' ? 120_000 : 45_000) * 100 })),
  });
  const csf = createRound(ctx, {
    fundId: 'csf',
    planId: 'pcp-2021-2025',
    name: 'Community Safety Fund 2025–26 (demo)',
    opens: '2025-04-01',
    closes: '2025-06-30',
    status: 'closed',
    spendFrom: null,
    spendBy: null,
    totalPence: null,
    tolerancePercent: 0,
    budgets: SEED_AREAS.map((a) => ({ areaId: a.id, amountPence: 150_000 * 100 })),
  });
  const drafts = [
    ...demoDrafts([{ round: acf, planId: 'pcp-2025-2029', count: 32, scale: 1 }]),
    ...demoDrafts([{ round: csf, planId: 'pcp-2025-2029', count: 8, scale: 6 }]).map((d) => ({
      ...d,
      priorityIds: d.priorityIds
        .map((id) => `pcp-2021-2025:${OLD_PLAN_CODES[id.split(':')[1] ?? ''] ?? id.split(':')[1]}`)
        .filter((id, i, all) => all.indexOf(id) === i),
      organisationType: 'public-body' as const,
      organisationName: `${d.organisationName.split(' ')[0]} Community Safety Partnership`,
    })),
  ];
  const now = ctx.now();
  for (const d of drafts) {
    const code = d.roundId === acf.id ? 'ACF' : 'CSF';
    receive(ctx, { ...d, reference: nextReference(ctx.db, code, now.getUTCFullYear()) }, now.toISOString());
  }
  screenSome(ctx, acf.id);
  return { roundId: acf.id, applications: drafts.length };
}

/**
 * The first ten of the round screened, so a newcomer sees screening part done: one fails "No
 * salaries", a missing second signatory is set aside for an umbrella body, and what the
 * application says about itself decides the rest.
 */
function screenSome(ctx: CoreContext, roundId: string): void {
  const { rows, officerChecks } = roundScreening(ctx, roundId);
  rows.slice(0, 10).forEach((row, i) => {
    const bank = row.automatic.find((c) => c.check === 'bank');
    recordScreening(ctx, {
      applicationId: row.applicationId,
      officerAnswers: officerChecks.map((c) => !(i === 2 && c.question === 'No salaries')),
      overrides: bank && !bank.passed ? [{ check: 'bank', reason: 'The community centre, an umbrella body, holds the money' }] : [],
    });
  });
}
