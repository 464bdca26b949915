// Plain inputs for the PDF tests: a real-looking application with the names and punctuation a
// West Midlands panel meets (Welsh, Polish, curly quotes, em dashes, pounds).
import { defaultRubric } from '../../shared/domain/rubric';
import type { PanelPackInput, ScoreSheetInput, SheetApplication, SheetRubric } from '../../electron/core/pdf';

export const NOW = '2026-11-25T09:30:00.000Z';

export const rubric: SheetRubric = {
  version: 2,
  ...defaultRubric(['p-asb', 'p-vawg']),
  priorityNames: { 'p-asb': 'Tackling anti-social behaviour', 'p-vawg': 'Violence against women and girls' },
};

export const application: SheetApplication = {
  reference: 'GP-2026-0042',
  organisation: 'Siân’s Cwtch Community Kitchen — Tŷ Hapus',
  projectTitle: 'Friday night “Safe Space” youth café in Łukasiewicz Hall',
  amountRequestedPence: 125_000,
  summary:
    'A Friday evening youth café for 11–17 year olds in Lozells, run by trained volunteers with two youth workers.\n\n' +
    'Young people told us there is nowhere safe to go after school; anti-social behaviour reports near the park rise on Friday nights. ' +
    'We will open 6pm–10pm with food, music, sport and a quiet room, and invite the Neighbourhood Policing Unit to join monthly.',
  budgetLines: [
    { item: 'Youth worker sessions (2 × 40 evenings)', amountPence: 80_000 },
    { item: 'Food and drink', amountPence: 30_000 },
    { item: 'DBS checks and safeguarding training for volunteers', amountPence: 15_000 },
  ],
  priorities: ['Tackling anti-social behaviour', 'Violence against women and girls'],
  outcomes: [
    { outcome: '40 young people attend at least 10 sessions', measure: 'Signed attendance register, reported each quarter' },
    { outcome: 'Fewer anti-social behaviour reports near Lozells Park on Fridays', measure: 'NPU incident data, before and after' },
  ],
  beneficiaryGroups: ['Young people', 'Black, Asian and minority ethnic communities'],
  expectedBeneficiaries: 1250,
  area: 'Birmingham West',
  startDate: '2027-01-08',
  endDate: '2027-12-17',
};

export function sheetInput(overrides: Partial<ScoreSheetInput> = {}): ScoreSheetInput {
  return {
    roundName: 'Active Citizens Fund 2026–27, round 2',
    panelName: 'Birmingham West NPU panel',
    meetingDate: '2026-12-03',
    memberName: 'Zoë Łukasiewicz',
    application,
    rubric,
    now: NOW,
    ...overrides,
  };
}

export function packInput(overrides: Partial<PanelPackInput> = {}): PanelPackInput {
  return {
    roundName: 'Active Citizens Fund 2026–27, round 2',
    panelName: 'Birmingham West NPU panel',
    meetingDate: '2026-12-03',
    members: [{ name: 'Siân Ŵyn Jones', chair: true }, { name: 'Zoë Łukasiewicz' }, { name: 'Insp. Aaron O’Neill' }],
    applications: [
      application,
      {
        ...application,
        reference: 'GP-2026-0043',
        organisation: 'Handsworth Allotment Friends',
        projectTitle: 'Growing together',
        amountRequestedPence: 98_050,
      },
      {
        ...application,
        reference: 'GP-2026-0044',
        organisation: 'Aston Boxing Club',
        projectTitle: 'Gloves on, knives down',
        amountRequestedPence: 250_000,
      },
    ],
    rubric,
    now: NOW,
    ...overrides,
  };
}
