// The signed-in user's open RxDB database, or none (signed out, starting, or wiping).
import type { RxDatabase } from 'rxdb';
import { create } from 'zustand';

export interface LocalDb {
  readonly db: RxDatabase | undefined;
  setDb(db: RxDatabase | undefined): void;
}

export const useLocalDb = create<LocalDb>((set) => ({
  db: undefined,
  setDb: (db) => set({ db }),
}));
