// Panel documents the core makes, so the app, the CLI and the tests make the same file: blank
// paper score sheets and a whole panel pack for the officer to print, the panel report (ranking,
// scores, recommendations, register of interests) as PDF, and the register of interests as CSV.
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import type { InterestEntry } from '../../../shared/contract/documents';
import { DomainError } from '../../../shared/contract/result';
import { BENEFICIARY_GROUPS } from '../../../shared/domain/catalogue';
import type { RubricRecord } from '../../../shared/domain/rubric';
import { can } from '../authorise';
import type { CoreContext, Handlers } from '../context';
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import { panelPackPdf, scoreSheetPdf, type SheetApplication, type SheetRubric } from '../pdf';
import { panelReportPdf, type ReportApplication } from '../pdf/panel-report';
import { applicationsOfPanel, panelOf, readPanel } from '../panels/panels';
import { readRubric } from '../panels/rubrics';
import { declarationsFor } from '../panels/declarations';
import { panelStandings } from '../panels/standings';
import { getDetail } from './applications';
import { screenedOut } from './scoring';
import type { Panel } from '../../../shared/domain/panels';
import { csvText } from '../../../shared/formats/csv-out';

function panelOrThrow(db: Db, panelId: string): Panel {
  const panel = readPanel(db, panelId);
  if (!panel) throw new DomainError('NOT_FOUND', 'That panel does not exist — choose one from the list');
  return panel;
}

export function rubricOrThrow(db: Db, panel: Panel): RubricRecord {
  const rubric = readRubric(db, panel.roundId);
  if (!rubric) throw new DomainError('FORBIDDEN', 'Set the round’s rubric first: the documents print its criteria');
  return rubric;
}

const roundName = (db: Db, roundId: string) =>
  statement<[string], { name: string }>(db, 'SELECT name FROM rounds WHERE id = ?').get(roundId)?.name ?? '';
const personName = (db: Db, id: string) =>
  statement<[string], { name: string }>(db, 'SELECT name FROM people WHERE id = ?').get(id)?.name ?? id;

function sheetRubric(db: Db, rubric: RubricRecord): SheetRubric {
  const names = statement<[], { id: string; code: string; title: string }>(db, 'SELECT id, code, title FROM priorities').all();
  return {
    version: rubric.version,
    criteria: rubric.criteria,
    gates: rubric.gates,
    priorityNames: Object.fromEntries(names.map((p) => [p.id, `${p.code}: ${p.title}`])),
  };
}

function sheetApplication(db: Db, id: string): SheetApplication {
  const a = getDetail(db, id, false);
  return {
    reference: a.reference,
    organisation: a.organisationName,
    projectTitle: a.projectTitle,
    amountRequestedPence: a.amountRequested,
    summary: a.summary,
    budgetLines: a.budgetLines.map((b) => ({ item: b.item, amountPence: b.amount })),
    priorities: a.priorities.map((p) => `${p.code}: ${p.title}`),
    outcomes: a.outcomes,
    beneficiaryGroups: a.beneficiaryGroups.map((g) => BENEFICIARY_GROUPS[g]),
    expectedBeneficiaries: a.expectedBeneficiaries,
    area: a.areaName,
    startDate: a.startDate,
    endDate: a.endDate,
  };
}

/** Writes a document to a chosen file: whole or not at all, never over a file the person did not choose to replace. */
export function save(ctx: CoreContext, file: string, purpose: 'pdf' | 'csv', bytes: Uint8Array | string): { name: string; bytes: number } {
  const out = ctx.files.use(file, 'write', purpose);
  if (out.origin === 'terminal' && existsSync(out.path))
    throw new DomainError('CONFLICT', `There is already a file at ${out.path} — choose another name`);
  const temp = `${out.path}.part`;
  writeFileSync(temp, bytes);
  renameSync(temp, out.path);
  return { name: out.name, bytes: typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.byteLength };
}

/** Officers print sheets and packs; the report is for whoever reads the panel's scores, and its chair. */
function mayReadReport(ctx: CoreContext, panel: Panel): void {
  if (can(ctx.person, 'read-scores') || (panel.chairId === ctx.person.id && can(ctx.person, 'moderate'))) return;
  throw new DomainError('FORBIDDEN', `Only the chair of ${panel.name}, officers, the Chief Executive and auditors read its report`);
}

export function interestsOf(db: Db, panel: Panel): InterestEntry[] {
  const applications = applicationsOfPanel(db, panel);
  const references = new Map(
    applications.map((id) => [
      id,
      statement<[string], { reference: string }>(db, 'SELECT reference FROM applications WHERE id = ?').get(id)?.reference ?? id,
    ]),
  );
  return declarationsFor(db, applications)
    .filter((d) => d.interest)
    .map((d) => ({
      reference: references.get(d.applicationId) ?? d.applicationId,
      applicationId: d.applicationId,
      member: personName(db, d.memberId),
      nature: d.nature,
      declaredAt: d.declaredAt.slice(0, 24),
      standing: d.standing,
      typedBy: d.typedBy ? personName(db, d.typedBy) : null,
    }))
    .sort((a, b) => (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : a.member.localeCompare(b.member, 'en-GB')));
}

export function reportApplications(db: Db, panel: Panel, rubric: RubricRecord): ReportApplication[] {
  return panelStandings(db, panel, rubric).rows.map((row) => {
    const s = row.scores;
    const m = row.moderation;
    return {
      applicationId: row.id,
      reference: row.reference,
      organisation: row.organisationName,
      projectTitle: row.projectTitle,
      amountRequestedPence: row.amountRequested,
      rankText: row.ranking.rankText,
      statusText: row.ranking.statusText,
      scoreText: row.ranking.score?.percentText ?? '',
      bandLabel: row.ranking.score?.band.label ?? '',
      normalisedRankText: row.ranking.normalised?.rankText ?? '',
      shiftText: row.ranking.normalised?.shiftText ?? null,
      meanText: s?.mean?.percentText ?? '—',
      medianText: s?.median?.percentText ?? '—',
      quorumText: s ? `${s.completeCount} of ${s.quorum} needed${s.quorumMet ? '' : ': not met'}` : '—',
      spreadText: s?.spread.flagged
        ? [
            ...s.spread.flaggedCriteria.map(
              (id) => `${rubric.criteria.find((c) => c.id === id)?.name ?? id} differs by ${rubric.spreadPoints} or more points`,
            ),
            ...(s.spread.deviationFlagged ? [`totals’ standard deviation ${s.spread.deviationText} points`] : []),
          ].join('; ')
        : null,
      recommendation: m?.recommendation ?? null,
      amountPence: m?.amountPence ?? null,
      reason: m?.reason ?? (row.disagreeing.length ? 'Two moderations disagree: the chair records one that settles them' : ''),
      moderated: m
        ? rubric.criteria.map((c) => ({
            criterion: c.name,
            level: `${m.levels[c.id] ?? '—'} of ${c.scale}`,
            rationale: m.rationales[c.id] ?? '',
          }))
        : [],
      comments: rubric.criteria.flatMap((c) =>
        row.members.flatMap((member) =>
          member.comments[c.id] ? [{ criterion: c.name, member: member.name, comment: member.comments[c.id]! }] : [],
        ),
      ),
      absent: row.absent.map((a) => `${a.name} (${a.reason})`),
      excluded: row.excluded.map((a) => `${a.name} (${a.reason})`),
    };
  });
}

export const documentHandlers: Handlers<
  'documents.scoreSheet' | 'documents.panelPack' | 'documents.panelReport' | 'panels.interests' | 'documents.interestsCsv'
> = {
  'documents.scoreSheet': async ({ applicationId, memberId, file }, ctx) => {
    const panelId = panelOf(ctx.db, applicationId);
    if (!panelId) throw new DomainError('FORBIDDEN', 'Assign the application to a panel first: its sheet names the panel');
    const panel = panelOrThrow(ctx.db, panelId);
    const rubric = rubricOrThrow(ctx.db, panel);
    const status = statement<[string], { status: string }>(ctx.db, 'SELECT status FROM applications WHERE id = ?').get(
      applicationId,
    )?.status;
    if (status === 'withdrawn') throw new DomainError('FORBIDDEN', 'This application was withdrawn, so it is not scored');
    if (screenedOut(ctx.db, applicationId))
      throw new DomainError('FORBIDDEN', 'This application was screened ineligible, so it is not scored');
    if (memberId && !panel.memberIds.includes(memberId))
      throw new DomainError('VALIDATION', 'Choose a member of the panel', [
        { field: 'memberId', message: `Choose a member of ${panel.name}` },
      ]);
    const pdf = await scoreSheetPdf({
      roundName: roundName(ctx.db, panel.roundId),
      panelName: panel.name,
      ...(memberId ? { memberName: personName(ctx.db, memberId) } : {}),
      application: sheetApplication(ctx.db, applicationId),
      rubric: sheetRubric(ctx.db, rubric),
      now: ctx.now().toISOString(),
    });
    return save(ctx, file, 'pdf', pdf);
  },
  'documents.panelPack': async ({ panelId, memberId, file }, ctx) => {
    const panel = panelOrThrow(ctx.db, panelId);
    const rubric = rubricOrThrow(ctx.db, panel);
    const pdf = await panelPackPdf({
      roundName: roundName(ctx.db, panel.roundId),
      panelName: panel.name,
      members: panel.memberIds
        .map((m) => ({ name: personName(ctx.db, m), chair: m === panel.chairId }))
        .sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
      ...(memberId ? { memberName: personName(ctx.db, memberId) } : {}),
      applications: applicationsOfPanel(ctx.db, panel).map((id) => sheetApplication(ctx.db, id)),
      rubric: sheetRubric(ctx.db, rubric),
      now: ctx.now().toISOString(),
    });
    return save(ctx, file, 'pdf', pdf);
  },
  'documents.panelReport': async ({ panelId, file }, ctx) => {
    const panel = panelOrThrow(ctx.db, panelId);
    mayReadReport(ctx, panel);
    const rubric = rubricOrThrow(ctx.db, panel);
    const pdf = await panelReportPdf({
      roundName: roundName(ctx.db, panel.roundId),
      panelName: panel.name,
      chairName: panel.chairId ? personName(ctx.db, panel.chairId) : null,
      members: panel.memberIds.map((m) => personName(ctx.db, m)).sort((a, b) => a.localeCompare(b, 'en-GB')),
      rubricVersion: rubric.version,
      applications: reportApplications(ctx.db, panel, rubric),
      interests: interestsOf(ctx.db, panel).map((i) => ({
        reference: i.reference,
        member: i.member,
        declared: i.nature,
        at: i.declaredAt,
        standing: i.standing,
        typedBy: i.typedBy,
      })),
      now: ctx.now().toISOString(),
    });
    return save(ctx, file, 'pdf', pdf);
  },
  'panels.interests': ({ panelId }, ctx) => {
    const panel = panelOrThrow(ctx.db, panelId);
    mayReadReport(ctx, panel);
    return { panelName: panel.name, roundName: roundName(ctx.db, panel.roundId), interests: interestsOf(ctx.db, panel) };
  },
  'documents.interestsCsv': ({ panelId, file }, ctx) => {
    const panel = panelOrThrow(ctx.db, panelId);
    mayReadReport(ctx, panel);
    const rows = interestsOf(ctx.db, panel).map((i) => ({
      reference: i.reference,
      member: i.member,
      interest: i.nature,
      declared_at: i.declaredAt,
      standing: i.standing ? 'yes' : 'superseded',
      typed_in_by: i.typedBy ?? '',
    }));
    return save(ctx, file, 'csv', csvText(['reference', 'member', 'interest', 'declared_at', 'standing', 'typed_in_by'], rows));
  },
};
