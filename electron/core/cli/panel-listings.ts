// `grantpanel list scores|ranking --round R [--area A] [--normalised]`: every panel of the round as
// moderation.view shows it, so the command line sees exactly what the person may see in the app —
// the chair their own panel once moderation is open, officers, the Chief Executive and auditors
// every panel. Scores are each counted member's level per criterion and gate; the ranking is per
// panel, with normalisation beside it when asked.
import { formatPence } from '../../../shared/domain/money';
import { RECOMMENDATIONS } from '../../../shared/domain/panels';
import type { ModerationRow, ModerationView } from '../../../shared/contract/moderation';
import { Rejected, count, type Caller } from './command';
import type { Listing, Scope } from './listings';

interface PanelRead {
  view: ModerationView;
  /** Application id → area name, for --area. */
  areaOf: Map<string, string>;
}

/** The round's panels the person may read, as moderation.view answers for each. */
async function readPanels(call: Caller, scope: Scope): Promise<PanelRead[]> {
  const round = scope.round;
  if (!round) throw new Rejected('Say which round: --round ROUND');
  const readsAll = scope.capabilities.includes('read-scores');
  const panels = (await call('panels.list', { roundId: round.id, mine: !readsAll })).filter(
    (p) => readsAll || (p.chairId === scope.personId && scope.capabilities.includes('moderate')),
  );
  if (panels.length === 0) {
    if (!readsAll && !scope.capabilities.includes('moderate'))
      throw new Rejected(
        'Scores and rankings are read by the chair of a panel (once they open moderation) and by grants officers, the Chief Executive and auditors',
      );
    scope.notes.push(readsAll ? `${round.name} has no panels yet.` : `You chair no panel of ${round.name}.`);
    return [];
  }
  const read: PanelRead[] = [];
  for (const panel of panels) {
    const view = await call('moderation.view', { panelId: panel.id });
    const detail = scope.area ? await call('panels.get', { id: panel.id }) : null;
    const areaOf = new Map((detail?.applications ?? []).map((a) => [a.id, a.areaName]));
    if (view.chair && !view.open && !readsAll)
      scope.notes.push(`${view.panel.name}: its scores show here once you open moderation (in the app, or as its chair).`);
    if (!view.rubric) scope.notes.push(`${view.panel.name}: the round has no rubric yet, so nothing is scored.`);
    read.push({ view, areaOf });
  }
  return read;
}

const inArea = (scope: Scope, read: PanelRead, row: ModerationRow) => !scope.area || read.areaOf.get(row.id) === scope.area.name;

export interface ScoreLine {
  panelName: string;
  applicationId: string;
  reference: string;
  organisationName: string;
  memberId: string;
  member: string;
  criterionId: string;
  criterion: string;
  gate: boolean;
  level: number;
  /** The top of its scale; 1 for a gate. */
  scale: number;
  comment: string;
  typedBy: string | null;
  submitted: boolean;
}

const levelText = (s: ScoreLine) => (s.gate ? (s.level === 1 ? 'pass' : 'fail') : `${s.level} of ${s.scale}`);

const SCORE_FIELDS = [
  'panelName',
  'applicationId',
  'reference',
  'organisationName',
  'memberId',
  'member',
  'criterionId',
  'criterion',
  'gate',
  'level',
  'scale',
  'comment',
  'typedBy',
  'submitted',
];

const pick = <T extends object>(line: T, fields: string[]) =>
  Object.fromEntries(fields.map((f) => [f, line[f as keyof T]])) as Record<string, string | number | boolean | null>;

export const scoresListing: Listing<ScoreLine> = {
  kind: 'scores',
  fields: SCORE_FIELDS,
  async load(call, scope) {
    const lines: ScoreLine[] = [];
    for (const read of await readPanels(call, scope)) {
      const { view } = read;
      if (!view.rubric) continue;
      const rubric = view.rubric;
      for (const row of view.applications) {
        if (!inArea(scope, read, row)) continue;
        for (const m of row.members) {
          const base = {
            panelName: view.panel.name,
            applicationId: row.id,
            reference: row.reference,
            organisationName: row.organisationName,
            memberId: m.memberId,
            member: m.name,
            typedBy: m.typedBy,
            submitted: m.submitted,
          };
          for (const c of rubric.criteria) {
            const level = m.levels[c.id];
            if (typeof level === 'number')
              lines.push({
                ...base,
                criterionId: c.id,
                criterion: c.name,
                gate: false,
                level,
                scale: c.scale,
                comment: m.comments[c.id] ?? '',
              });
          }
          for (const g of rubric.gates) {
            const answer = m.gates[g.id];
            if (answer)
              lines.push({
                ...base,
                criterionId: g.id,
                criterion: g.name,
                gate: true,
                level: answer === 'pass' ? 1 : 0,
                scale: 1,
                comment: m.comments[g.id] ?? '',
              });
          }
        }
      }
    }
    return lines;
  },
  record: (s) => pick(s, SCORE_FIELDS),
  columns: [
    { header: 'Reference', cell: (s) => s.reference },
    { header: 'Organisation', cell: (s) => s.organisationName, max: 30 },
    { header: 'Member', cell: (s) => s.member, max: 24 },
    { header: 'Criterion', cell: (s) => s.criterion, max: 36 },
    { header: 'Level', cell: levelText },
    { header: 'Comment', cell: (s) => s.comment, max: 40 },
    { header: 'Typed by', cell: (s) => s.typedBy ?? '' },
    { header: 'Submitted', cell: (s) => (s.submitted ? 'yes' : 'no') },
  ],
  footer: (rows) =>
    `${count(rows.length, 'score')} from ${count(new Set(rows.map((r) => `${r.applicationId} ${r.memberId}`)).size, 'sheet')}\n`,
};

export interface RankingLine {
  panelId: string;
  panelName: string;
  rank: number | null;
  rankText: string;
  status: string;
  statusText: string;
  applicationId: string;
  reference: string;
  organisationName: string;
  amountRequested: number;
  /** One decimal place: 72.5 */
  scorePercent: number | null;
  scoreText: string;
  band: string | null;
  moderated: boolean;
  recommendation: string | null;
  recommendationText: string;
  /** Pence, for "fund a lower amount". */
  recommendedPence: number | null;
  normalisedRank: number | null;
  normalisedRankText: string;
  z: number | null;
  zText: string;
  shiftPlaces: number | null;
  shiftText: string | null;
}

function rankingLines(read: PanelRead, scope: Scope): RankingLine[] {
  const { view } = read;
  return view.applications
    .filter((row) => inArea(scope, read, row))
    .map((row) => {
      const r = row.ranking;
      const m = row.moderation;
      const n = r.normalised;
      return {
        panelId: view.panel.id,
        panelName: view.panel.name,
        rank: r.rank,
        rankText: r.rankText,
        status: r.status,
        statusText: r.statusText,
        applicationId: row.id,
        reference: row.reference,
        organisationName: row.organisationName,
        amountRequested: row.amountRequested,
        scorePercent: r.score?.percent ?? null,
        scoreText: r.score?.percentText ?? '',
        band: r.score?.band.label ?? null,
        moderated: m !== null,
        recommendation: m?.recommendation ?? null,
        recommendationText: m
          ? m.recommendation === 'fund-lower' && m.amountPence !== null
            ? `${RECOMMENDATIONS[m.recommendation]}: ${formatPence(m.amountPence)}`
            : RECOMMENDATIONS[m.recommendation]
          : row.disagreeing.length > 0
            ? 'Moderations disagree'
            : '',
        recommendedPence: m?.recommendation === 'fund-lower' ? m.amountPence : null,
        normalisedRank: n?.rank ?? null,
        normalisedRankText: n?.rankText ?? '',
        z: n?.score?.zNumber ?? null,
        zText: n?.score?.zText ?? '',
        shiftPlaces: n?.places ?? null,
        shiftText: n?.shiftText ?? null,
      };
    });
}

const RANKING_FIELDS = [
  'panelId',
  'panelName',
  'rank',
  'rankText',
  'status',
  'statusText',
  'applicationId',
  'reference',
  'organisationName',
  'amountRequested',
  'scorePercent',
  'scoreText',
  'band',
  'moderated',
  'recommendation',
  'recommendationText',
  'recommendedPence',
];
const NORMALISED_FIELDS = ['normalisedRank', 'normalisedRankText', 'z', 'zText', 'shiftPlaces', 'shiftText'];

const rankingColumns: Listing<RankingLine>['columns'] = [
  { header: 'Panel', cell: (r) => r.panelName, max: 32 },
  { header: 'Rank', cell: (r) => r.rankText || '—', align: 'right' },
  { header: 'Reference', cell: (r) => r.reference },
  { header: 'Organisation', cell: (r) => r.organisationName, max: 30 },
  { header: 'Requested', cell: (r) => formatPence(r.amountRequested), align: 'right' },
  { header: 'Score', cell: (r) => r.scoreText || '—', align: 'right' },
  { header: 'Band', cell: (r) => (r.status === 'ranked' ? (r.band ?? '') : r.statusText) },
  { header: 'Moderated', cell: (r) => (r.moderated ? 'yes' : 'no') },
  { header: 'Recommendation', cell: (r) => r.recommendationText, max: 36 },
];

const rankingFooter = (rows: RankingLine[]) =>
  `${count(rows.filter((r) => r.status === 'ranked').length, 'application')} ranked of ${rows.length.toLocaleString('en-GB')}\n`;

async function loadRanking(call: Caller, scope: Scope): Promise<RankingLine[]> {
  return (await readPanels(call, scope)).flatMap((read) => rankingLines(read, scope));
}

export const rankingListing: Listing<RankingLine> = {
  kind: 'ranking',
  fields: RANKING_FIELDS,
  load: loadRanking,
  record: (r) => pick(r, RANKING_FIELDS),
  columns: rankingColumns,
  footer: rankingFooter,
};

/** `list ranking --normalised`: the same, with the normalised rank, z and the shift note after. */
export const normalisedRankingListing: Listing<RankingLine> = {
  kind: 'ranking',
  fields: [...RANKING_FIELDS, ...NORMALISED_FIELDS],
  load: loadRanking,
  record: (r) => pick(r, [...RANKING_FIELDS, ...NORMALISED_FIELDS]),
  columns: [
    ...rankingColumns,
    { header: 'Normalised', cell: (r) => r.normalisedRankText || '—', align: 'right' },
    { header: 'z', cell: (r) => r.zText, align: 'right' },
    { header: 'Note', cell: (r) => r.shiftText ?? '' },
  ],
  footer: rankingFooter,
};
