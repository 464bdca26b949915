// A panel pack: a cover page naming the round, panel, members and the applications to score, then
// a blank score sheet for each application, each starting on a new page, so the officer prints one
// file per member (or one for the table) before the panel meets.
import { formatDate } from '../../../shared/domain/dates';
import { formatPence } from '../../../shared/domain/money';
import { renderPdf, type Block } from './document';
import { scoreSheetBlocks, type SheetApplication, type SheetRubric } from './score-sheet';

export interface PanelPackInput {
  roundName: string;
  panelName: string;
  /** YYYY-MM-DD: the day the panel meets. */
  meetingDate?: string;
  members: { name: string; chair?: boolean }[];
  /** The member the pack is printed for; without one each sheet has a line for a name. */
  memberName?: string;
  applications: SheetApplication[];
  rubric: SheetRubric;
  /** When the PDF is made (ISO-8601 instant). */
  now: string;
}

export function panelPackPdf(input: PanelPackInput): Promise<Uint8Array> {
  return renderPdf(
    {
      title: `Panel pack: ${input.panelName}, ${input.roundName}`,
      subject: `Score sheets for ${input.applications.length} applications`,
      author: 'Office of the West Midlands Police and Crime Commissioner',
      keywords: ['panel pack', input.roundName, input.panelName],
      now: input.now,
    },
    [
      ...cover(input),
      ...input.applications.flatMap((application) => [
        { kind: 'pageBreak' } satisfies Block,
        ...scoreSheetBlocks({ ...input, application }),
      ]),
    ],
  );
}

function cover(input: PanelPackInput): Block[] {
  const total = input.applications.reduce((sum, a) => sum + a.amountRequestedPence, 0);
  const chair = input.members.find((m) => m.chair);
  return [
    { kind: 'runningNote', text: `Rubric version ${input.rubric.version}` },
    { kind: 'heading', level: 1, text: `Panel pack: ${input.panelName}`, bookmark: true },
    { kind: 'paragraph', style: 'lead', text: input.roundName },
    {
      kind: 'keyValues',
      rows: [
        ['Round', input.roundName],
        ['Panel', input.panelName],
        ...(input.meetingDate ? [['Panel meeting', formatDate(input.meetingDate)] as [string, string]] : []),
        ...(chair ? [['Chair', chair.name] as [string, string]] : []),
        ...(input.memberName ? [['Printed for', input.memberName] as [string, string]] : []),
        ['Applications', String(input.applications.length)],
        ['Total requested', formatPence(total)],
        ['Rubric', `Version ${input.rubric.version}`],
      ],
    },
    { kind: 'heading', level: 2, text: 'Members' },
    input.members.length > 0
      ? { kind: 'list', items: input.members.map((m) => (m.chair ? `${m.name} (chair)` : m.name)) }
      : { kind: 'paragraph', text: 'No members yet.' },
    { kind: 'heading', level: 2, text: 'Applications' },
    input.applications.length > 0
      ? {
          kind: 'table',
          columns: [
            { header: 'Reference', width: 1.3 },
            { header: 'Organisation', width: 2 },
            { header: 'Project', width: 2.4 },
            { header: 'Amount', width: 1.1, align: 'right' },
          ],
          rows: input.applications.map((a) => [a.reference, a.organisation, a.projectTitle, formatPence(a.amountRequestedPence)]),
          totals: ['', '', 'Total requested', formatPence(total)],
        }
      : { kind: 'paragraph', text: 'No applications are assigned to this panel.' },
    {
      kind: 'paragraph',
      style: 'muted',
      text:
        'Before you read an application, declare any interest in it at the top of its sheet. Score each criterion on your own; ' +
        'the chair opens moderation once every member has scored. Return every sheet to the panel’s officer, who types them in.',
    },
  ];
}
