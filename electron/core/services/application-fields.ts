// An application's fields as a person reads them: labels and values for the Conflicts screen.
import { BENEFICIARY_GROUPS, ORGANISATION_TYPES } from '../../../shared/domain/catalogue';
import type { ApplicationRecord } from '../../../shared/domain/application';
import { formatDate } from '../../../shared/domain/dates';
import { formatPence } from '../../../shared/domain/money';
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import { describePlain } from '../merge/editable';
import { personalData } from '../personal-data';

/** The fields an edit may change; id, reference, round and the moment it was recorded are fixed. */
export const APPLICATION_FIELD_LABELS = {
  receivedOn: 'Date received',
  organisationName: 'Organisation name',
  organisationType: 'Type of organisation',
  charityNumber: 'Charity number',
  companyNumber: 'Company number',
  constituted: 'Properly constituted',
  bankTwoSignatories: 'Bank account with two signatories',
  contactDigest: 'Contact details',
  projectTitle: 'Project title',
  summary: 'Project summary',
  areaId: 'Area',
  inImpactArea: 'In an impact area',
  amountRequested: 'Amount requested',
  budgetLines: 'Budget',
  startDate: 'Start date',
  endDate: 'End date',
  priorityIds: 'Police and Crime Plan priorities',
  beneficiaryGroups: 'Beneficiary groups',
  expectedBeneficiaries: 'Expected beneficiaries',
  outcomes: 'Outcomes',
  sustainability: 'Sustainability',
  status: 'Status',
  withdrawnReason: 'Reason for withdrawal',
} satisfies Partial<Record<keyof ApplicationRecord, string>>;

const listed = (items: string[]) => (items.length === 0 ? '(none)' : items.join('; '));

export function describeApplicationField(db: Db, field: string, value: unknown): string {
  switch (field) {
    case 'amountRequested':
      return typeof value === 'number' ? formatPence(value) : describePlain(value);
    case 'receivedOn':
    case 'startDate':
    case 'endDate':
      return typeof value === 'string' ? formatDate(value) : describePlain(value);
    case 'organisationType':
      return ORGANISATION_TYPES[value as keyof typeof ORGANISATION_TYPES] ?? describePlain(value);
    case 'status':
      return value === 'withdrawn' ? 'Withdrawn' : 'Received';
    case 'areaId':
      return statement<[string], { name: string }>(db, 'SELECT name FROM areas WHERE id = ?').get(String(value))?.name ?? String(value);
    case 'budgetLines':
      return listed(((value ?? []) as ApplicationRecord['budgetLines']).map((l) => `${l.item} ${formatPence(l.amount)}`));
    case 'outcomes':
      return listed(((value ?? []) as ApplicationRecord['outcomes']).map((o) => `${o.outcome} (measured by: ${o.measure})`));
    case 'beneficiaryGroups':
      return listed(((value ?? []) as string[]).map((g) => BENEFICIARY_GROUPS[g as keyof typeof BENEFICIARY_GROUPS] ?? g));
    case 'priorityIds': {
      const title = statement<[string], { code: string; title: string }>(db, 'SELECT code, title FROM priorities WHERE id = ?');
      return listed(
        ((value ?? []) as string[]).map((id) => {
          const p = title.get(id);
          return p ? `${p.code} ${p.title}` : id;
        }),
      );
    }
    case 'contactDigest': {
      const contact = typeof value === 'string' ? personalData(db, value) : null;
      if (!contact) return '(contact details not held on this laptop)';
      return [contact.contactName, contact.contactEmail, contact.contactPhone].filter(Boolean).join(', ');
    }
    default:
      return describePlain(value);
  }
}
