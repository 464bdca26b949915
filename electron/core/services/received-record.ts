// The record an application.received event carries, built with its keys — and its budget lines'
// and outcomes' — in sorted order: its canonical text is then JSON.stringify's own, with no sorted
// copy (a tenth of a CSV import's writing). Every field is named (`Required`), so a field added to
// applications cannot be left out of the record without the compiler saying so.
import type { ApplicationDraft, ApplicationRecord } from '../../../shared/domain/application';

export type ReceivedFacts = Pick<Required<ApplicationRecord>, 'id' | 'receivedAt' | 'receivedOn' | 'contactDigest'>;

export function receivedRecord(
  d: Omit<ApplicationDraft, 'contactName' | 'contactEmail' | 'contactPhone'>,
  facts: ReceivedFacts,
): ApplicationRecord {
  const record: Required<ApplicationRecord> = {
    amountRequested: d.amountRequested,
    areaId: d.areaId,
    bankTwoSignatories: d.bankTwoSignatories,
    beneficiaryGroups: d.beneficiaryGroups,
    budgetLines: d.budgetLines.map((l) => ({ amount: l.amount, item: l.item })),
    charityNumber: d.charityNumber,
    companyNumber: d.companyNumber,
    constituted: d.constituted,
    contactDigest: facts.contactDigest,
    endDate: d.endDate,
    expectedBeneficiaries: d.expectedBeneficiaries,
    id: facts.id,
    inImpactArea: d.inImpactArea,
    organisationName: d.organisationName,
    organisationType: d.organisationType,
    outcomes: d.outcomes.map((o) => ({ measure: o.measure, outcome: o.outcome })),
    priorityIds: d.priorityIds,
    projectTitle: d.projectTitle,
    receivedAt: facts.receivedAt,
    receivedOn: facts.receivedOn,
    reference: d.reference,
    roundId: d.roundId,
    startDate: d.startDate,
    status: 'received',
    summary: d.summary,
    sustainability: d.sustainability,
    withdrawnReason: null,
  };
  return record;
}
