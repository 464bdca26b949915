import { z } from 'zod';
import { fileId } from './files';
import { method } from './method';

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
