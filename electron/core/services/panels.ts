// Rubrics and panels, as the grants officer sets them up for a round: the rubric each panel scores
// against, the panels with their members, chair, quorum and areas, and exceptions by hand.
import { randomUUID } from 'node:crypto';
import type { ApplicationPanel, PanelApplication, PanelSummary, RubricView } from '../../../shared/contract/panels';
import type { ParsedInput } from '../../../shared/contract';
import { DomainError, type FieldProblem } from '../../../shared/contract/result';
import { defaultRubric, scoringShape, type RubricRecord } from '../../../shared/domain/rubric';
import type { Panel } from '../../../shared/domain/panels';
import { capabilitiesOf } from '../../../shared/domain/people';
import { write, type CoreContext, type Handlers } from '../context';
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import { changesBetween } from '../merge/editable';
import { readPerson } from '../people/records';
import { can } from '../authorise';
import { getRound } from './rounds';
import { readRubric, rubrics, versionScored } from '../panels/rubrics';
import { applicationsOfPanel, panelOf, panels, panelsOf, panelsOfRound, readPanel } from '../panels/panels';
import { declarationOf } from '../panels/declarations';

function planOfRound(db: Db, roundId: string) {
  const round = getRound(db, roundId);
  const plan = statement<[string], { name: string }>(db, 'SELECT name FROM plans WHERE id = ?').get(round.planId);
  const priorities = statement<[string], { id: string; code: string; title: string }>(
    db,
    'SELECT id, code, title FROM priorities WHERE plan_id = ? ORDER BY position',
  ).all(round.planId);
  return { round, planName: plan?.name ?? '', priorities };
}

export function rubricView(db: Db, roundId: string): RubricView {
  const { round, planName, priorities } = planOfRound(db, roundId);
  const rubric = readRubric(db, roundId) ?? null;
  return {
    roundId,
    roundName: round.name,
    planName,
    rubric,
    suggested: defaultRubric(priorities.map((p) => p.id)),
    locked: rubric !== null && versionScored(db, roundId, rubric.version),
    priorities,
  };
}

export function saveRubric(ctx: CoreContext, input: ParsedInput<'rubrics.save'>): RubricRecord {
  const { priorities } = planOfRound(ctx.db, input.roundId);
  const known = new Set(priorities.map((p) => p.id));
  const problems: FieldProblem[] = [];
  input.content.criteria.forEach((c, i) => {
    if (c.priorityIds.some((p) => !known.has(p)))
      problems.push({
        field: `content.criteria.${i}.priorityIds`,
        message: `${c.name}: choose priorities from the round’s Police and Crime Plan`,
      });
  });
  if (problems.length > 0) throw new DomainError('VALIDATION', 'The rubric has problems — check the fields below', problems);
  const held = readRubric(ctx.db, input.roundId);
  if (!held) {
    const rubric: RubricRecord = { id: input.roundId, version: 1, ...input.content };
    write(ctx, () => ctx.log.append(ctx.person.id, 'rubric.added', `rubric:${rubric.id}`, rubric));
    return rubric;
  }
  const next: RubricRecord = { ...held, ...input.content };
  if (versionScored(ctx.db, held.id, held.version) && scoringShape(next) !== scoringShape(held)) {
    if (!input.newVersion)
      throw new DomainError(
        'NEEDS_CONFIRMATION',
        `Scoring has begun on version ${held.version}: changing weights, scales, criteria or gates makes version ${held.version + 1}, and members score again against it`,
        [{ field: 'newVersion', message: `Save as version ${held.version + 1}` }],
      );
    next.version = held.version + 1;
  }
  const changes = changesBetween(rubrics, held, next);
  if (Object.keys(changes).length > 0)
    write(ctx, () => ctx.log.append(ctx.person.id, 'rubric.changed', `rubric:${held.id}`, { id: held.id, changes }));
  return readRubric(ctx.db, held.id) ?? next;
}

const nameOf = (db: Db, table: 'people' | 'areas', id: string) =>
  statement<[string], { name: string }>(db, `SELECT name FROM ${table} WHERE id = ?`).get(id)?.name ?? id;

function summary(db: Db, p: Panel): PanelSummary {
  return {
    ...p,
    roundName: statement<[string], { name: string }>(db, 'SELECT name FROM rounds WHERE id = ?').get(p.roundId)?.name ?? '',
    chairName: p.chairId ? nameOf(db, 'people', p.chairId) : null,
    members: p.memberIds.map((id) => ({ id, name: nameOf(db, 'people', id) })).sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
    areas: p.areaIds.map((id) => ({ id, name: nameOf(db, 'areas', id) })),
    applicationCount: applicationsOfPanel(db, p).length,
  };
}

function checkPanel(db: Db, input: ParsedInput<'panels.save'>): void {
  getRound(db, input.roundId);
  const problems: FieldProblem[] = [];
  input.memberIds.forEach((id, i) => {
    const person = readPerson(db, id);
    if (!person) problems.push({ field: `memberIds.${i}`, message: `"${id}" is not a known person` });
    else if (!person.active) problems.push({ field: `memberIds.${i}`, message: `${person.name} can no longer sign in` });
    else if (!capabilitiesOf(person.roles).includes('score'))
      problems.push({
        field: `memberIds.${i}`,
        message: `${person.name} is not a panel member or chair — give them that role on the People screen`,
      });
  });
  if (input.chairId) {
    const chair = readPerson(db, input.chairId);
    if (chair && !capabilitiesOf(chair.roles).includes('moderate'))
      problems.push({ field: 'chairId', message: `${chair.name} does not have the panel chair role — give it on the People screen` });
  }
  const others = panelsOfRound(db, input.roundId).filter((p) => p.id !== input.id);
  input.areaIds.forEach((areaId, i) => {
    if (!statement(db, 'SELECT 1 FROM areas WHERE id = ?').get(areaId))
      problems.push({ field: `areaIds.${i}`, message: `"${areaId}" is not a known area` });
    const taken = others.find((p) => p.areaIds.includes(areaId));
    if (taken)
      problems.push({ field: `areaIds.${i}`, message: `${nameOf(db, 'areas', areaId)} already has a panel in this round: ${taken.name}` });
  });
  const sameName = others.find((p) => p.name.toLowerCase() === input.name.toLowerCase());
  if (sameName) problems.push({ field: 'name', message: `This round already has a panel called ${sameName.name}` });
  if (problems.length > 0) throw new DomainError('VALIDATION', 'The panel has problems — check the fields below', problems);
}

export function savePanel(ctx: CoreContext, input: ParsedInput<'panels.save'>): Panel {
  checkPanel(ctx.db, input);
  const next: Panel = {
    id: input.id ?? randomUUID(),
    roundId: input.roundId,
    name: input.name,
    chairId: input.chairId,
    quorum: input.quorum,
    areaIds: [...input.areaIds].sort(),
    memberIds: [...input.memberIds].sort(),
  };
  if (!input.id) {
    write(ctx, () => ctx.log.append(ctx.person.id, 'panel.added', `panel:${next.id}`, next));
    return next;
  }
  const held = readPanel(ctx.db, input.id);
  if (!held) throw new DomainError('NOT_FOUND', 'That panel does not exist — choose one from the list');
  if (held.roundId !== input.roundId)
    throw new DomainError('VALIDATION', 'A panel stays in its round', [
      { field: 'roundId', message: 'A panel cannot move to another round' },
    ]);
  const changes = changesBetween(panels, held, next);
  if (Object.keys(changes).length > 0)
    write(ctx, () => ctx.log.append(ctx.person.id, 'panel.changed', `panel:${held.id}`, { id: held.id, changes }));
  return readPanel(ctx.db, held.id) ?? next;
}

interface PanelApplicationRow {
  id: string;
  reference: string;
  organisation_name: string;
  project_title: string;
  amount_requested: number;
  area_name: string | null;
  by_hand: number;
  submissions: number;
}

function panelApplications(ctx: CoreContext, panel: Panel, member: boolean): PanelApplication[] {
  const read = statement<[string], PanelApplicationRow>(
    ctx.db,
    `SELECT a.id, a.reference, a.organisation_name, a.project_title, a.amount_requested, ar.name AS area_name,
            EXISTS (SELECT 1 FROM panel_assignments x WHERE x.application_id = a.id) AS by_hand,
            (SELECT count(*) FROM score_submissions s WHERE s.application_id = a.id) AS submissions
       FROM applications a LEFT JOIN areas ar ON ar.id = a.area_id WHERE a.id = ?`,
  );
  return applicationsOfPanel(ctx.db, panel).flatMap((id) => {
    const row = read.get(id);
    if (!row) return [];
    const interests = panel.memberIds.filter((m) => declarationOf(ctx.db, id, m).state === 'interest').length;
    const own = member ? declarationOf(ctx.db, id, ctx.person.id).state : null;
    return [
      {
        id: row.id,
        reference: row.reference,
        organisationName: row.organisation_name,
        projectTitle: row.project_title,
        amountRequested: row.amount_requested,
        areaName: row.area_name ?? '',
        byHand: row.by_hand === 1,
        declaration: own,
        submitted:
          member &&
          !!statement(ctx.db, 'SELECT 1 FROM score_submissions WHERE application_id = ? AND member_id = ?').get(id, ctx.person.id),
        submissions: row.submissions,
        interests,
      },
    ];
  });
}

/** Which panel scores an application now, whether by hand, and the panel its area would give it. */
export function applicationPanel(db: Db, applicationId: string): ApplicationPanel {
  const application = statement<[string], { round_id: string; area_id: string | null }>(
    db,
    'SELECT round_id, area_id FROM applications WHERE id = ?',
  ).get(applicationId);
  if (!application) throw new DomainError('NOT_FOUND', 'That application does not exist');
  const roundPanels = panelsOfRound(db, application.round_id).map((p) => ({ id: p.id, name: p.name }));
  const named = (id: string | null | undefined) => roundPanels.find((p) => p.id === id) ?? null;
  // The same rule as panelOf: the first panel by id, should two laptops have given one area two panels.
  const areaPanelId = statement<[string, string], { id: string | null }>(
    db,
    `SELECT min(p.id) AS id FROM panel_areas pa JOIN panels p ON p.id = pa.panel_id WHERE pa.area_id = ? AND p.round_id = ?`,
  ).get(application.area_id ?? '', application.round_id)?.id;
  return {
    applicationId,
    roundId: application.round_id,
    panel: named(panelOf(db, applicationId)),
    byHand: !!statement(db, 'SELECT 1 FROM panel_assignments WHERE application_id = ?').get(applicationId),
    areaPanel: named(areaPanelId),
    roundPanels,
  };
}

export const panelHandlers: Handlers<
  'rubrics.get' | 'rubrics.save' | 'panels.list' | 'panels.get' | 'panels.save' | 'panels.assign' | 'panels.ofApplication'
> = {
  'rubrics.get': ({ roundId }, ctx) => rubricView(ctx.db, roundId),
  'rubrics.save': (input, ctx) => saveRubric(ctx, input),
  'panels.list': ({ roundId, mine }, ctx) => {
    const list = mine
      ? panelsOf(ctx.db, ctx.person.id)
      : roundId
        ? panelsOfRound(ctx.db, roundId)
        : statement<[], { id: string }>(ctx.db, 'SELECT id FROM panels ORDER BY name, id')
            .all()
            .flatMap((r) => readPanel(ctx.db, r.id) ?? []);
    return list.filter((p) => !roundId || p.roundId === roundId).map((p) => summary(ctx.db, p));
  },
  'panels.get': ({ id }, ctx) => {
    const panel = readPanel(ctx.db, id);
    if (!panel) throw new DomainError('NOT_FOUND', 'That panel does not exist — choose one from the list');
    const member = panel.memberIds.includes(ctx.person.id) && can(ctx.person, 'score');
    const chair = panel.chairId === ctx.person.id && can(ctx.person, 'moderate');
    if (!member && !chair && !can(ctx.person, 'read-scores') && !can(ctx.person, 'manage-panels'))
      throw new DomainError('FORBIDDEN', `${ctx.person.name} does not sit on ${panel.name}`);
    return { ...summary(ctx.db, panel), applications: panelApplications(ctx, panel, member), seat: { member, chair } };
  },
  'panels.save': (input, ctx) => savePanel(ctx, input),
  'panels.ofApplication': ({ applicationId }, ctx) => applicationPanel(ctx.db, applicationId),
  'panels.assign': ({ applicationId, panelId, byArea }, ctx) => {
    const application = statement<[string], { round_id: string }>(ctx.db, 'SELECT round_id FROM applications WHERE id = ?').get(
      applicationId,
    );
    if (!application) throw new DomainError('NOT_FOUND', 'That application does not exist');
    if (panelId !== null) {
      const panel = readPanel(ctx.db, panelId);
      if (!panel)
        throw new DomainError('VALIDATION', 'Choose a panel from the list', [
          { field: 'panelId', message: 'Choose a panel from the list' },
        ]);
      if (panel.roundId !== application.round_id)
        throw new DomainError('VALIDATION', 'That panel scores another round', [
          { field: 'panelId', message: `${panel.name} scores another round — choose a panel of the application’s round` },
        ]);
    }
    if (byArea) {
      if (statement(ctx.db, 'SELECT 1 FROM panel_assignments WHERE application_id = ?').get(applicationId))
        write(ctx, () =>
          ctx.log.append(ctx.person.id, 'panel.assigned', `panelAssignment:${applicationId}`, {
            applicationId,
            panelId: null,
            byArea: true,
          }),
        );
      return { applicationId, panelId: panelOf(ctx.db, applicationId) };
    }
    write(ctx, () =>
      ctx.log.append(ctx.person.id, 'panel.assigned', `panelAssignment:${applicationId}`, { applicationId, panelId, byArea: false }),
    );
    return { applicationId, panelId };
  },
};
