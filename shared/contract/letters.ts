// Letters: each fund's editable template, and a pack's letters written in one go (a job with
// progress) into a chosen folder, or in browser mode into one zip to download.
import { z } from 'zod';
import { letterTemplateSchema, type LetterTemplate } from '../domain/letters';
import type { SavedDocument } from './documents';
import { fileId } from './files';
import { method } from './method';

const id = (what: string) => z.string(`Choose ${what}`).min(1, `Choose ${what}`).max(100);

export interface LetterTemplateView {
  fundId: string;
  fundName: string;
  template: LetterTemplate;
  /** Never changed: the default template. */
  isDefault: boolean;
}

export type LetterJobState = 'writing' | 'done' | 'failed' | 'cancelled';

export interface LetterJob {
  jobId: string;
  state: LetterJobState;
  /** Letters written so far, of `total`. */
  done: number;
  total: number;
  offers: number;
  declines: number;
  /** The files written, by name, in order. */
  written: string[];
  /** Where they went: the folder's path, or the zip's name. */
  destination: string;
  /** Why it failed, in words a grants officer reads. */
  error: { code: string; message: string } | null;
}

const jobId = z.object({ jobId: z.string().uuid('That is not a letters job') });

export const letters = {
  /** A fund's template, or the default if it was never changed. */
  'letterTemplates.get': method<LetterTemplateView>()(z.object({ fundId: id('a fund') })),
  /** Saves the fields that differ from the template held, each with the value it replaces. */
  'letterTemplates.save': method<LetterTemplateView>()(z.object({ fundId: id('a fund'), template: letterTemplateSchema })),
  /** A sample offer or decline letter from the template as given (saved or not), as PDF. */
  'letterTemplates.preview': method<SavedDocument>()(
    z.object({ fundId: id('a fund'), template: letterTemplateSchema, letter: z.enum(['offer', 'decline']).default('offer'), file: fileId }),
  ),
  /**
   * Starts writing the letter of every standing decision that verifies, in a round's area: one PDF
   * each, into the chosen folder (never over a file already there) or the zip made for download.
   */
  'letters.batch': method<LetterJob>()(z.object({ roundId: id('a round'), areaId: id('an area'), file: fileId })),
  'letters.batchProgress': method<LetterJob>()(jobId),
  /** Stops after the letter being written: those already written stay (a zip is not made). */
  'letters.batchCancel': method<LetterJob>()(jobId),
};
