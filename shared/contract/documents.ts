import { z } from 'zod';
import type { Recommendation } from '../domain/panels';
import { fileId } from './files';
import { method } from './method';

/** One application as the panel report (and the sign-off pack) gives it: its ranking, scores, spread and recommendation, in words. */
export interface ReportApplication {
  applicationId: string;
  reference: string;
  organisation: string;
  projectTitle: string;
  amountRequestedPence: number;
  rankText: string;
  statusText: string;
  scoreText: string;
  bandLabel: string;
  normalisedRankText: string;
  shiftText: string | null;
  meanText: string;
  medianText: string;
  quorumText: string;
  spreadText: string | null;
  recommendation: Recommendation | null;
  amountPence: number | null;
  reason: string;
  /** Moderated level and rationale per criterion, by criterion name. */
  moderated: { criterion: string; level: string; rationale: string }[];
  /** Each member's comment on a criterion, by criterion name. */
  comments: { criterion: string; member: string; comment: string }[];
  absent: string[];
  excluded: string[];
}

const id = (what: string) => z.string(`Choose ${what}`).min(1, `Choose ${what}`).max(100);

export interface InterestEntry {
  applicationId: string;
  reference: string;
  member: string;
  nature: string;
  /** ISO instant. */
  declaredAt: string;
  /** False where a later declaration superseded it: kept, as the register is append-only. */
  standing: boolean;
  /** Typed in from a paper sheet, by whom. */
  typedBy: string | null;
}

export interface SavedDocument {
  name: string;
  bytes: number;
}

export const documents = {
  /** A blank paper score sheet for one application, optionally printed for one member. */
  'documents.scoreSheet': method<SavedDocument>()(
    z.object({ applicationId: id('an application'), memberId: z.string().min(1).max(100).optional(), file: fileId }),
  ),
  /** A cover page and a blank score sheet for every application of the panel. */
  'documents.panelPack': method<SavedDocument>()(
    z.object({ panelId: id('a panel'), memberId: z.string().min(1).max(100).optional(), file: fileId }),
  ),
  /** Ranking, scores, recommendations and the register of interests. */
  'documents.panelReport': method<SavedDocument>()(z.object({ panelId: id('a panel'), file: fileId })),
  'panels.interests': method<{ panelName: string; roundName: string; interests: InterestEntry[] }>()(z.object({ panelId: id('a panel') })),
  'documents.interestsCsv': method<SavedDocument>()(z.object({ panelId: id('a panel'), file: fileId })),
};
