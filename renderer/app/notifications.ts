import { create } from 'zustand';

export interface Notice {
  id: number;
  kind: 'error' | 'success' | 'info';
  message: string;
}

interface NotificationsState {
  notices: Notice[];
  push(kind: Notice['kind'], message: string): void;
  dismiss(id: number): void;
  /** When the person changes: one person's messages are not the next one's. */
  clear(): void;
}

let nextId = 1;
/** Successes and information fade after a while; problems stay until dismissed. */
const FADE_MS = 10_000;

export const useNotifications = create<NotificationsState>((set, get) => ({
  notices: [],
  push: (kind, message) => {
    // The same problem from several calls at once (a page's reads, all refused) is said once.
    if (get().notices.some((n) => n.kind === kind && n.message === message)) return;
    const id = nextId++;
    set((s) => ({ notices: [...s.notices.slice(-4), { id, kind, message }] }));
    if (kind !== 'error') setTimeout(() => get().dismiss(id), FADE_MS);
  },
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  clear: () => set({ notices: [] }),
}));
