// The signed-in person and device, and the catalogue most pages need; loaded once, refreshed on change.
import { create } from 'zustand';
import type { SessionInfo } from '../../shared/contract/session';
import type { Area, Fund, Plan } from '../../shared/domain/catalogue';
import type { RoundSummary } from '../../shared/contract/rounds';
import { call } from './api';

interface SessionState {
  session: SessionInfo | null;
  funds: Fund[];
  areas: Area[];
  plans: Plan[];
  rounds: RoundSummary[];
  loaded: boolean;
  refresh(): Promise<void>;
}

export const useSession = create<SessionState>((set) => ({
  session: null,
  funds: [],
  areas: [],
  plans: [],
  rounds: [],
  loaded: false,
  refresh: async () => {
    const [session, funds, areas, plans, rounds] = await Promise.all([
      call('session.current', {}),
      call('catalogue.funds', {}),
      call('catalogue.areas', {}),
      call('catalogue.plans', {}),
      call('rounds.list', {}),
    ]);
    set({
      session: session.ok ? session.value : null,
      funds: funds.ok ? funds.value : [],
      areas: areas.ok ? areas.value : [],
      plans: plans.ok ? plans.value : [],
      rounds: rounds.ok ? rounds.value : [],
      loaded: true,
    });
  },
}));
