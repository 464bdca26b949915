import type { ScreeningResult } from '../domain/eligibility';
import { z } from 'zod';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../domain/catalogue';
import { applicationDraftSchema, applicationEditSchema, type Application } from '../domain/application';
import { method } from './method';
import { STAGE_IDS, type Stage } from '../domain/stages';
import { freeText } from '../domain/text';
import type { ConflictVersion } from './conflicts';

export const APPLICATION_SORTS = [
  'receivedAt',
  'reference',
  'organisationName',
  'projectTitle',
  'areaName',
  'amountRequested',
  'status',
] as const;

export const applicationQuerySchema = z.object({
  roundId: z.string().optional(),
  fundId: z.string().optional(),
  areaId: z.string().optional(),
  status: z.enum(APPLICATION_STATUSES).optional(),
  /** Where it has got to (shared/domain/stages.ts): read through the application_stages index. */
  stage: z.enum(STAGE_IDS).optional(),
  priorityId: z.string().optional(),
  search: z.string().trim().max(200, 'Search must be 200 characters or fewer').optional(),
  sort: z.enum(APPLICATION_SORTS).default('receivedAt'),
  direction: z.enum(['asc', 'desc']).default('desc'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export type ApplicationQuery = z.input<typeof applicationQuerySchema>;

/** One row of the register: no contact details, which stay on the detail page. */
export interface ApplicationRow {
  id: string;
  reference: string;
  roundId: string;
  roundName: string;
  fundCode: string;
  organisationName: string;
  projectTitle: string;
  areaId: string;
  areaName: string;
  amountRequested: number;
  status: ApplicationStatus;
  receivedAt: string;
  /** The eligibility screening standing on it, or null if not screened. */
  screening: ScreeningResult | null;
  /** Where it has got to, from received to accepted (or withdrawn). */
  stage: Stage;
}

export interface ApplicationDetail extends Application {
  /** Where it has got to, from received to accepted (or withdrawn). */
  stage: Stage;
  /** False where this laptop holds the application but not its contact details (they are then ''). */
  contactHeld: boolean;
  /** True where the reader may not see contact details (only grants officers may): they are then ''. */
  contactHidden: boolean;
  roundName: string;
  fundName: string;
  areaName: string;
  priorities: { id: string; code: string; title: string }[];
  /** Conflicts on it still waiting for a person to choose (two laptops changed it differently). */
  openConflicts: number;
  /** The fund's rules it was received under (from the event log); null where the log lacks its receipt. */
  receivedUnder: { fundName: string; maxAwardPence: number | null } | null;
  /** Where the fund's rules changed since it was received and it no longer meets today's: what applies. */
  rulesNotice: string | null;
  /** Its eligibility screening as it stands, or null if not screened yet. */
  screening: {
    result: ScreeningResult;
    toldApplicant: string;
    /** Checks that failed but were set aside, each with why. */
    setAside: { question: string; reason: string }[];
    /** Two laptops screened it differently; the first stands until a person settles it. */
    disputed: boolean;
  } | null;
}

/**
 * One event in an application's history: who made it, on which laptop (as this laptop names it) and
 * when, and what it did in plain words, a line for each thing ("Project title changed from “A” to “B”").
 */
export interface HistoryEntry extends ConflictVersion {
  /** Where it is in the log: its laptop's device id and number there. */
  id: string;
  lines: string[];
}

export interface ApplicationHistory {
  reference: string;
  /** In the order the register applied them: clock order, the same on every laptop. */
  entries: HistoryEntry[];
}

const reason = (missing: string) =>
  freeText(z.string().trim().min(1, missing).max(500, 'Reason must be 500 characters or fewer'), 'The reason');

export const applications = {
  'applications.list': method<{ total: number; rows: ApplicationRow[] }>()(applicationQuerySchema),
  'applications.get': method<ApplicationDetail>()(z.object({ id: z.string().min(1) })),
  'applications.create': method<{ id: string; reference: string }>()(applicationDraftSchema),
  /** Changes an application's fields; its reference and round stay as received. */
  'applications.update': method<ApplicationDetail>()(z.object({ id: z.string().min(1), application: applicationEditSchema })),
  'applications.withdraw': method<ApplicationDetail>()(
    z.object({ id: z.string().min(1), reason: reason('Enter why the application is withdrawn') }),
  ),
  /** Takes a withdrawn application back into the register: it is received again, and why is kept in its history. */
  'applications.reinstate': method<ApplicationDetail>()(
    z.object({ id: z.string().min(1), reason: reason('Enter why the application is reinstated') }),
  ),
  /** Every change to an application, from the event log: who, on which laptop, when, and what. */
  'applications.history': method<ApplicationHistory>()(z.object({ id: z.string().min(1) })),
};
