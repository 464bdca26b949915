// The Chief Executive's decisions: signed one by one with their passphrase at the moment of
// signing, read back with whether each signature holds, and the files anyone can check it with.
import { z } from 'zod';
import { DECISION_IDS, type DecisionFacts } from '../domain/decisions';
import { fileId } from './files';
import type { InterestEntry, ReportApplication, SavedDocument } from './documents';
import type { ScreeningResult } from '../domain/eligibility';
import { method } from './method';

const id = (what: string) => z.string(`Choose ${what}`).min(1, `Choose ${what}`).max(100);

export interface DecisionView extends DecisionFacts {
  id: string;
  /** The signature checked again here, over the text, with the key it names and the signer's keys. */
  valid: boolean;
  /** Superseded by a later decision (kept: decisions are never removed). */
  superseded: boolean;
  /** The application's area now (not part of what was signed). */
  areaId: string;
}

/** What `minisign -Vm decision.txt -p chief-executive.pub` needs, beside the signature file. */
export interface DecisionFiles {
  /** The signed text, exactly (UTF-8). */
  text: string;
  /** The .minisig file. */
  signature: string;
  /** The signer's .pub file. */
  publicKeyFile: string;
  /** "ACF-2026-0006-decision": the files' name without extension. */
  name: string;
}

/** One recommended application in the sign-off pack: whether it was screened eligible, and what the panel made of it. */
export interface PackEntry {
  applicationId: string;
  eligibility: { result: ScreeningResult; toldApplicant: string; disputed: boolean } | null;
  panelName: string | null;
  report: ReportApplication | null;
}

/** What the Chief Executive reads before deciding an area: beside the allocation's rank order and budget effect. */
export interface SignOffPack {
  entries: PackEntry[];
  /** Interests declared in the pack's applications (superseded ones kept, marked). */
  interests: InterestEntry[];
}

export const decisions = {
  'decisions.sign': method<DecisionView>()(
    z.object({
      applicationId: id('an application'),
      decision: z.enum(DECISION_IDS, 'Choose approve, decline or amend'),
      /** The amount approved or amended to; ignored when declining. */
      amountPence: z.number('Enter the amount').int('Enter the amount in whole pence').min(0).max(100_000_000_000).nullable().default(null),
      reason: z.string().trim().max(2000, 'The reason must be 2,000 characters or fewer').default(''),
      passphrase: z.string('Enter your passphrase to sign').min(1, 'Enter your passphrase to sign').max(1024),
    }),
  ),
  /** Every allocated, undecided application of an area approved at its allocated amount, one signature each, one passphrase. */
  'decisions.approveRest': method<{ signed: number; left: string[] }>()(
    z.object({
      roundId: id('a round'),
      areaId: id('an area'),
      passphrase: z.string('Enter your passphrase to sign').min(1, 'Enter your passphrase to sign').max(1024),
    }),
  ),
  /** The decision notice of an area (standing decisions that verify, the panel's interests), as PDF: the form PCCs publish. */
  'documents.decisionNotice': method<SavedDocument>()(z.object({ roundId: id('a round'), areaId: id('an area'), file: fileId })),
  /** The sign-off pack of an area: each recommended application's eligibility, scores, comments and recommendation, and the register of interests. */
  'decisions.pack': method<SignOffPack>()(z.object({ roundId: id('a round'), areaId: id('an area') })),
  /** Every decision on the round's applications, standing and superseded, each checked again. */
  'decisions.list': method<DecisionView[]>()(z.object({ roundId: id('a round') })),
  'decisions.files': method<DecisionFiles>()(z.object({ id: z.string().regex(/^[0-9a-f]{64}$/, 'That is not a decision') })),
  /** The offer (with its acceptance slip) or decline letter a standing, verifying decision calls for, as PDF. */
  'letters.write': method<SavedDocument>()(
    z.object({ decisionId: z.string().regex(/^[0-9a-f]{64}$/, 'That is not a decision'), file: fileId }),
  ),
};
