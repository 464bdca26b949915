// The sign-off pack of a round's area: for each recommended application the Chief Executive is to
// decide, its eligibility, the panel's scores, comments and recommendation (as the panel report
// gives them), and the register of interests — read beside the allocation's budget effect.
import type { InterestEntry } from '../../../shared/contract/documents';
import type { PackEntry, SignOffPack } from '../../../shared/contract/decisions';
import type { Handlers } from '../context';
import type { Db } from '../db/open';
import { workspace } from '../allocation/workspace';
import { panelOf, readPanel } from '../panels/panels';
import { readRubric } from '../panels/rubrics';
import { interestsOf, reportApplications } from './documents';
import { screeningOf } from './screening';

export function signOffPack(db: Db, roundId: string, areaId: string): SignOffPack {
  const rows = workspace(db, roundId, areaId, false).rows;
  const wanted = new Set(rows.map((r) => r.applicationId));
  const panelIds = new Set(rows.flatMap((r) => panelOf(db, r.applicationId) ?? []));
  const reports = new Map<string, { panelName: string; report: PackEntry['report'] }>();
  const interests: InterestEntry[] = [];
  for (const panelId of panelIds) {
    const panel = readPanel(db, panelId);
    const rubric = panel && readRubric(db, panel.roundId);
    if (!panel || !rubric) continue;
    for (const report of reportApplications(db, panel, rubric))
      if (wanted.has(report.applicationId)) reports.set(report.applicationId, { panelName: panel.name, report });
    interests.push(...interestsOf(db, panel).filter((i) => wanted.has(i.applicationId)));
  }
  return {
    entries: rows.map((r) => {
      const screening = screeningOf(db, r.applicationId);
      return {
        applicationId: r.applicationId,
        eligibility: screening && { result: screening.result, toldApplicant: screening.toldApplicant, disputed: screening.disputed },
        panelName: reports.get(r.applicationId)?.panelName ?? null,
        report: reports.get(r.applicationId)?.report ?? null,
      };
    }),
    interests,
  };
}

export const signOffPackHandlers: Handlers<'decisions.pack'> = {
  'decisions.pack': ({ roundId, areaId }, ctx) => signOffPack(ctx.db, roundId, areaId),
};
