// Each fund's letter template: the conditions of grant, payment schedule, monitoring and wording its
// offer and decline letters use. Edited field by field like the fund itself; a fund never edited
// uses the default (shared/domain/letters.ts), so the first change on any laptop is made from it.
import { DomainError } from '../../../shared/contract/result';
import {
  DEFAULT_LETTER_TEMPLATE,
  LETTER_TEMPLATE_FIELDS,
  LETTER_TEMPLATE_LABELS,
  type LetterTemplate,
  type LetterTemplateRecord,
} from '../../../shared/domain/letters';
import type { LetterTemplateView } from '../../../shared/contract/letters';
import { canonicalJson } from '../../../shared/events/canonical';
import { authorise } from '../authorise';
import { write, type Handlers } from '../context';
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import type { CoreKinds } from '../events/project';
import { changesBetween, describePlain, editableProjectors, type Editable } from '../merge/editable';
import { letterPdf } from '../pdf/letter';
import { save } from './documents';

const fundName = (db: Db, fundId: string) =>
  statement<[string], { name: string }>(db, 'SELECT name FROM funds WHERE id = ?').get(fundId)?.name;

/** Only the template's own fields, in their order: a stored row never carries anything else. */
const fieldsOnly = (t: LetterTemplate): LetterTemplate =>
  Object.fromEntries(LETTER_TEMPLATE_FIELDS.map((f) => [f, t[f]])) as unknown as LetterTemplate;

function storedTemplate(db: Db, fundId: string): LetterTemplate | undefined {
  const row = statement<[string], { template: string }>(db, 'SELECT template FROM letter_templates WHERE fund_id = ?').get(fundId);
  return row ? { ...DEFAULT_LETTER_TEMPLATE, ...(JSON.parse(row.template) as Partial<LetterTemplate>) } : undefined;
}

const templates: Editable<LetterTemplateRecord, 'letterTemplate'> = {
  kind: 'letterTemplate',
  noun: 'letter template',
  fields: LETTER_TEMPLATE_FIELDS,
  // Every fund has one: its own, or the default until first changed.
  read: (db, id) => {
    if (fundName(db, id) === undefined) return undefined;
    return { id, ...(storedTemplate(db, id) ?? DEFAULT_LETTER_TEMPLATE) };
  },
  write: (db, r) => {
    const { id, ...template } = r;
    statement(db, 'INSERT OR REPLACE INTO letter_templates (fund_id, template) VALUES (?, ?)').run(id, canonicalJson(fieldsOnly(template)));
  },
  label: (r, db) => `${fundName(db, r.id) ?? r.id} letters`,
  fieldLabel: (_, field) => LETTER_TEMPLATE_LABELS[field as keyof LetterTemplate] ?? field,
  describe: (_, field, value) => {
    // One a line: two versions of a list are read side by side.
    if (field === 'conditions' && Array.isArray(value)) return (value as string[]).map((c, i) => `${i + 1}. ${c}`).join('\n');
    if (field === 'payments' && Array.isArray(value))
      return (value as LetterTemplate['payments']).map((p) => `${p.percent}% ${p.when}`).join('\n');
    if (field === 'reportWeeksAfterEnd' && typeof value === 'number')
      return `${value} week${value === 1 ? '' : 's'} after the project ends`;
    return describePlain(value);
  },
};

// Never added: every fund has one from the start (the default), so only changes are written.
export const letterTemplateKind: CoreKinds['letterTemplate'] = {
  editable: templates,
  projectors: { 'letterTemplate.changed': editableProjectors(templates)['letterTemplate.changed'] },
};

/** The template a fund's letters use: its own, or the default. */
export function templateOf(db: Db, fundId: string): LetterTemplate {
  return storedTemplate(db, fundId) ?? DEFAULT_LETTER_TEMPLATE;
}

function view(db: Db, fundId: string): LetterTemplateView {
  const name = fundName(db, fundId);
  if (name === undefined) throw new DomainError('NOT_FOUND', 'There is no such fund — choose one from the catalogue');
  const stored = storedTemplate(db, fundId);
  return { fundId, fundName: name, template: stored ?? DEFAULT_LETTER_TEMPLATE, isDefault: stored === undefined };
}

/** A made-up application, so a preview shows every part of the letter: a reduced amount and its reason, payments, slip. */
const SAMPLE = {
  reference: 'SAMPLE-0001',
  organisation: 'Sample Community Group',
  projectTitle: 'Safer streets after dark',
  contactName: 'Alex Sample',
  contactEmail: 'alex@example.org',
  roundName: 'Sample round',
  amountRequestedPence: 500_000,
  reason: 'The panel would fund the equipment but not the publicity costs.',
  startDate: '2027-01-04',
  endDate: '2027-06-30',
  signerName: 'The Chief Executive',
  decisionId: '0'.repeat(64),
};

export const letterTemplateHandlers: Handlers<'letterTemplates.get' | 'letterTemplates.save' | 'letterTemplates.preview'> = {
  'letterTemplates.get': ({ fundId }, ctx) => view(ctx.db, fundId),
  'letterTemplates.save': ({ fundId, template }, ctx) => {
    authorise(ctx, 'manage-catalogue');
    const current = templates.read(ctx.db, fundId);
    if (!current) throw new DomainError('NOT_FOUND', 'There is no such fund — choose one from the catalogue');
    const changes = changesBetween(templates, current, fieldsOnly(template));
    if (Object.keys(changes).length > 0)
      write(ctx, () => ctx.log.append(ctx.person.id, 'letterTemplate.changed', `letterTemplate:${fundId}`, { id: fundId, changes }));
    return view(ctx.db, fundId);
  },
  // The template as edited, saved or not: a person sees the letter before it goes out.
  'letterTemplates.preview': async ({ fundId, template, letter, file }, ctx) => {
    const { fundName: name } = view(ctx.db, fundId);
    const now = ctx.now().toISOString();
    const declined = letter === 'decline';
    const pdf = await letterPdf({
      ...SAMPLE,
      fundName: name,
      amountPence: declined ? 0 : 350_000,
      declined,
      reason: declined ? 'The project would mostly benefit people outside the West Midlands.' : SAMPLE.reason,
      signedAt: now,
      template: fieldsOnly(template),
      now,
    });
    return save(ctx, file, 'pdf', pdf);
  },
};
