import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APPLICATION_COLUMNS } from '../../shared/formats/applications-csv';

export type Row = Partial<Record<string, string>>;

/** One valid row in the template's format, by header, with overrides. */
export function templateRow(overrides: Row = {}): Row {
  return {
    'Applicant reference': '',
    'Organisation name': 'Caldmore Village Partnership',
    'Organisation type': 'Registered charity',
    'Charity number': '1123456',
    'Company number': '',
    'Constituted group': 'Yes',
    'Bank account with two signatories': 'Yes',
    'Contact name': 'Helen Clarke',
    'Contact email': 'helen.clarke@example.org',
    'Contact phone': '01922 496 000',
    'Project title': 'Neighbourhood Watch relaunch',
    'Project summary': 'Relaunching three lapsed schemes.',
    Area: 'Walsall',
    'In an impact area': 'No',
    'Amount requested': '£1,000',
    'Budget lines': 'Street signs: £600; Leaflets: £400',
    'Start date': '01/02/2027',
    'End date': '30/06/2027',
    'Plan priorities': 'NEIGHBOURHOOD',
    'Beneficiary groups': 'Residents of the area generally',
    'Expected beneficiaries': '300',
    Outcomes: 'Active watch schemes | Number of coordinators',
    Sustainability: 'Volunteer-run.',
    ...overrides,
  };
}

const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function toCsv(rows: Row[], headers = APPLICATION_COLUMNS.map((c) => c.header)): string {
  return [headers, ...rows.map((r) => headers.map((h) => r[h] ?? ''))].map((cells) => cells.map(quote).join(',')).join('\r\n') + '\r\n';
}

export const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');

/** A CSV file on disk holding `content`, as a person would choose it: its path (the test core chooses it for the call). */
export function csvFile(content: string | Buffer, name = 'apps.csv'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'grantpanel-csv-')), name);
  writeFileSync(path, content);
  return path;
}
