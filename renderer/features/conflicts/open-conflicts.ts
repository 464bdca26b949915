// How many conflicts wait for a person: shown beside "Conflicts" in the navigation, refreshed
// after anything that can raise or settle one (an import, a resolution).
import { create } from 'zustand';
import { call } from '../../app/api';

interface OpenConflicts {
  count: number | null;
  refresh(): Promise<void>;
}

export const useOpenConflicts = create<OpenConflicts>((set) => ({
  count: null,
  refresh: async () => {
    const result = await call('conflicts.list', {}, { quiet: true });
    if (result.ok) set({ count: result.value.open });
  },
}));
