// The panel report: what a panel recommends and why, for the office and the Chief Executive — the
// ranking (normalised rank beside the raw), each application's scores, spread and recommendation,
// who took no part, and the register of interests. Plain data in; the core gathers it.
import { formatInstant } from '../../../shared/domain/dates';
import { formatPence } from '../../../shared/domain/money';
import { RECOMMENDATIONS } from '../../../shared/domain/panels';
import { renderPdf, type Block } from './document';
import { oneLine } from './text';
import type { ReportApplication } from '../../../shared/contract/documents';

export type { ReportApplication };

export interface ReportInterest {
  reference: string;
  member: string;
  declared: string;
  /** An ISO instant (the declaration's clock). */
  at: string;
  standing: boolean;
  typedBy: string | null;
}

export interface PanelReportInput {
  roundName: string;
  panelName: string;
  chairName: string | null;
  members: string[];
  rubricVersion: number;
  applications: ReportApplication[];
  interests: ReportInterest[];
  /** When the PDF is made (ISO-8601 instant). */
  now: string;
}

const recommendationText = (a: ReportApplication) =>
  a.recommendation === null
    ? 'Not yet moderated'
    : a.recommendation === 'fund-lower' && a.amountPence !== null
      ? `${RECOMMENDATIONS[a.recommendation]}: ${formatPence(a.amountPence)}`
      : RECOMMENDATIONS[a.recommendation];

export function panelReportPdf(input: PanelReportInput): Promise<Uint8Array> {
  return renderPdf(
    {
      title: `Panel report: ${input.panelName}, ${input.roundName}`,
      subject: `Ranking, scores and recommendations of ${input.applications.length} applications`,
      author: 'Office of the West Midlands Police and Crime Commissioner',
      keywords: ['panel report', input.roundName, input.panelName],
      now: input.now,
    },
    [
      { kind: 'runningNote', text: `Rubric version ${input.rubricVersion}` },
      { kind: 'heading', level: 1, text: `Panel report: ${oneLine(input.panelName)}`, bookmark: true },
      { kind: 'paragraph', style: 'lead', text: input.roundName },
      {
        kind: 'keyValues',
        rows: [
          ['Round', input.roundName],
          ['Panel', input.panelName],
          ['Chair', input.chairName ?? 'No chair'],
          ['Members', input.members.join(', ') || 'None'],
          ['Rubric', `Version ${input.rubricVersion}`],
          ['Made', formatInstant(input.now)],
        ],
      },
      { kind: 'heading', level: 2, text: 'Ranking', bookmark: true },
      {
        kind: 'paragraph',
        style: 'small',
        text: 'Ranked by the chair’s moderated score, else the members’ mean once the quorum scored. An application that failed a gate is excluded. The normalised rank standardises each member’s scores against their own mean and spread across the round.',
      },
      {
        kind: 'table',
        columns: [
          { header: 'Rank', width: 0.55 },
          { header: 'Reference', width: 1.45 },
          { header: 'Organisation', width: 2 },
          { header: 'Score', width: 0.8, align: 'right' },
          { header: 'Band', width: 1.35 },
          { header: 'Norm. rank', width: 0.75 },
          { header: 'Recommendation', width: 1.6 },
        ],
        compact: true,
        rows: input.applications.map((a) => [
          a.rankText || a.statusText,
          a.reference,
          oneLine(a.organisation),
          a.scoreText,
          a.bandLabel,
          a.normalisedRankText,
          recommendationText(a),
        ]),
      },
      { kind: 'heading', level: 2, text: 'Applications', bookmark: true },
      ...input.applications.flatMap(applicationBlocks),
      { kind: 'heading', level: 2, text: 'Register of interests', bookmark: true },
      input.interests.length === 0
        ? { kind: 'paragraph', text: 'No member declared an interest in any of the panel’s applications.' }
        : {
            kind: 'table',
            columns: [
              { header: 'Reference', width: 1.2 },
              { header: 'Member', width: 1.4 },
              { header: 'Declared', width: 2.6 },
              { header: 'When', width: 1.3 },
              { header: 'Standing', width: 0.8 },
            ],
            compact: true,
            rows: input.interests.map((i) => [
              i.reference,
              i.typedBy ? `${i.member} (typed in by ${i.typedBy})` : i.member,
              i.declared,
              formatInstant(i.at),
              i.standing ? 'Yes' : 'Superseded',
            ]),
          },
    ],
  );
}

function applicationBlocks(a: ReportApplication): Block[] {
  return [
    {
      kind: 'group',
      keepTogether: true,
      blocks: [
        { kind: 'heading', level: 3, text: `${a.reference}: ${oneLine(a.organisation)}` },
        {
          kind: 'keyValues',
          rows: [
            ['Project', oneLine(a.projectTitle)],
            ['Amount requested', formatPence(a.amountRequestedPence)],
            ['Rank', a.rankText || a.statusText],
            ['Score', a.scoreText ? `${a.scoreText} (${a.bandLabel})` : 'None yet'],
            ['Members’ mean and median', `${a.meanText} and ${a.medianText}`],
            ['Quorum', a.quorumText],
            ...(a.spreadText ? [['Spread', a.spreadText] as [string, string]] : []),
            ...(a.shiftText ? [['Normalisation', a.shiftText] as [string, string]] : []),
            ['Recommendation', recommendationText(a)],
            ...(a.reason ? [['Reason', a.reason] as [string, string]] : []),
            ...(a.absent.length ? [['Took no part', a.absent.join('; ')] as [string, string]] : []),
            ...(a.excluded.length ? [['Scores not counted', a.excluded.join('; ')] as [string, string]] : []),
          ],
        },
      ],
    },
    ...(a.moderated.length
      ? [
          {
            kind: 'table',
            columns: [
              { header: 'Criterion', width: 2.2 },
              { header: 'Moderated', width: 0.9, align: 'right' },
              { header: 'Rationale', width: 3 },
            ],
            rows: a.moderated.map((m) => [m.criterion, m.level, m.rationale]),
          } satisfies Block,
        ]
      : []),
  ];
}
