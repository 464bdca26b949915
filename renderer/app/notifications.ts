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
}

let nextId = 1;

export const useNotifications = create<NotificationsState>((set) => ({
  notices: [],
  push: (kind, message) => set((s) => ({ notices: [...s.notices.slice(-4), { id: nextId++, kind, message }] })),
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
}));
