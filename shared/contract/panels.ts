import { z } from 'zod';
import { rubricContentSchema, type RubricContent, type RubricRecord } from '../domain/rubric';
import { panelName, quorumSchema, MAX_PANEL_MEMBERS, type Panel } from '../domain/panels';
import { method } from './method';

const id = (what: string) => z.string(`Choose ${what}`).min(1, `Choose ${what}`).max(100);

export interface RubricView {
  roundId: string;
  roundName: string;
  planName: string;
  /** Null until the officer saves one for the round. */
  rubric: RubricRecord | null;
  /** What a new rubric starts from: the Commissioning Strategy's principles, with the round's Plan priorities. */
  suggested: RubricContent;
  /** Scores name the current version: its weights, scales, criteria and gates are fixed (a change is the next version). */
  locked: boolean;
  /** The round's Police and Crime Plan priorities, which a criterion may assess. */
  priorities: { id: string; code: string; title: string }[];
}

export interface PanelSummary extends Panel {
  roundName: string;
  chairName: string | null;
  members: { id: string; name: string }[];
  areas: { id: string; name: string }[];
  applicationCount: number;
}

export interface PanelApplication {
  id: string;
  reference: string;
  organisationName: string;
  projectTitle: string;
  amountRequested: number;
  areaName: string;
  /** Given to this panel by hand, not by its area. */
  byHand: boolean;
  /** The caller's own declaration, where they sit on the panel; null otherwise. */
  declaration: 'undeclared' | 'none' | 'interest' | null;
  /** Whether the caller has submitted their scores for it. */
  submitted: boolean;
  /** Members who have submitted their scores. */
  submissions: number;
  /** Members with a standing interest: they take no part. */
  interests: number;
}

export interface PanelDetail extends PanelSummary {
  applications: PanelApplication[];
  /** Where the caller sits: member (scores), chair (moderates). */
  seat: { member: boolean; chair: boolean };
}

/** Which panel scores an application, and where else it could go: for moving it by hand. */
export interface ApplicationPanel {
  applicationId: string;
  roundId: string;
  /** The panel scoring it now; null when none does. */
  panel: { id: string; name: string } | null;
  /** Given to its panel (or to none) by hand, not by its area. */
  byHand: boolean;
  /** The round's panel covering its area: the one that scores it unless it is moved by hand. */
  areaPanel: { id: string; name: string } | null;
  /** The round's panels, by name. */
  roundPanels: { id: string; name: string }[];
}

export const panelInputSchema = z
  .object({
    /** Null for a new panel. */
    id: z.string().min(1).max(100).nullable().default(null),
    roundId: id('a round'),
    name: panelName,
    chairId: z.string().min(1).max(100).nullable().default(null),
    quorum: quorumSchema,
    areaIds: z.array(z.string().min(1).max(100)).min(1, 'Choose at least one area').max(50),
    memberIds: z
      .array(z.string().min(1).max(100))
      .min(1, 'Choose at least one member')
      .max(MAX_PANEL_MEMBERS, `A panel has at most ${MAX_PANEL_MEMBERS} members`),
  })
  .superRefine((p, ctx) => {
    if (new Set(p.memberIds).size !== p.memberIds.length)
      ctx.addIssue({ code: 'custom', path: ['memberIds'], message: 'Choose each member once' });
    if (new Set(p.areaIds).size !== p.areaIds.length) ctx.addIssue({ code: 'custom', path: ['areaIds'], message: 'Choose each area once' });
    if (p.chairId !== null && !p.memberIds.includes(p.chairId))
      ctx.addIssue({ code: 'custom', path: ['chairId'], message: 'The chair must be one of the panel’s members' });
    if (p.quorum > p.memberIds.length)
      ctx.addIssue({ code: 'custom', path: ['quorum'], message: `The quorum cannot be more than the ${p.memberIds.length} members` });
  });

export const panels = {
  'rubrics.get': method<RubricView>()(z.object({ roundId: id('a round') })),
  /** `newVersion`: a change to weights, scales, criteria or gates after scoring began starts the next version. */
  'rubrics.save': method<RubricRecord>()(
    z.object({ roundId: id('a round'), content: rubricContentSchema, newVersion: z.boolean().default(false) }),
  ),
  'panels.list': method<PanelSummary[]>()(z.object({ roundId: z.string().min(1).max(100).optional(), mine: z.boolean().default(false) })),
  'panels.get': method<PanelDetail>()(z.object({ id: id('a panel') })),
  'panels.save': method<Panel>()(panelInputSchema),
  'panels.ofApplication': method<ApplicationPanel>()(z.object({ applicationId: id('an application') })),
  /** By hand: give an application to another panel (or to none, with null); `byArea` takes the hand away again. */
  'panels.assign': method<{ applicationId: string; panelId: string | null }>()(
    z.object({ applicationId: id('an application'), panelId: z.string().min(1).max(100).nullable(), byArea: z.boolean().default(false) }),
  ),
};
