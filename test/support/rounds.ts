// The round the sign-off tests decide in, as the office opens one: the Active Citizens Fund, scored
// against the 2025–2029 Police and Crime Plan, with £45,000 for Coventry.
import type { TestCore } from './core';

export async function coventryRound(core: TestCore): Promise<string> {
  const round = await core.call('rounds.create', {
    fundId: 'acf',
    planId: 'pcp-2025-2029',
    name: 'ACF winter 2026',
    opens: '2026-11-01',
    closes: '2026-12-31',
    budgets: [{ areaId: 'coventry', amountPence: 4_500_000 }],
  });
  return round.id;
}
