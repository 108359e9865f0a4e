// Ephemeral UI state of the session: whether the idle lock is engaged. The session itself
// lives in supabase-js (web/data/auth.ts); domain data lives in RxDB.
import { create } from 'zustand';

interface SessionUi {
  readonly locked: boolean;
  lock(): void;
  unlock(): void;
}

export const useSessionUi = create<SessionUi>((set) => ({
  locked: false,
  lock: () => set({ locked: true }),
  unlock: () => set({ locked: false }),
}));
