import type { ApplicationDraftInput } from '../../shared/domain/application';

/** A complete, valid ACF application draft for the given round, with overrides. */
export function validDraft(roundId: string, overrides: Partial<ApplicationDraftInput> = {}): ApplicationDraftInput {
  return {
    roundId,
    organisationName: 'Foleshill Residents’ Association',
    organisationType: 'tenants-association',
    constituted: true,
    bankTwoSignatories: true,
    contactName: 'Amira Khan',
    contactEmail: 'amira.khan@example.org',
    contactPhone: '0121 496 0000',
    projectTitle: 'Friday night youth football',
    summary: 'Floodlit football on Friday evenings.',
    areaId: 'coventry',
    inImpactArea: true,
    amountRequested: 250000,
    budgetLines: [
      { item: 'Pitch hire', amount: 150000 },
      { item: 'Coaches', amount: 100000 },
    ],
    startDate: '2027-01-10',
    endDate: '2027-06-30',
    priorityIds: ['pcp-2025-2029:VIOLENCE'],
    beneficiaryGroups: ['young-people'],
    expectedBeneficiaries: 60,
    outcomes: [{ outcome: 'Fewer ASB reports', measure: 'Police data, quarterly' }],
    sustainability: 'Volunteers keep it going.',
    ...overrides,
  };
}
