// Logout on a shared device: flush what is pending, then wipe everything local. Pending
// pushes need the session, so they go before signOut; when they cannot be pushed
// (offline) the user is asked before unsent changes are discarded.
import { signOut } from './auth.ts';
import { endSync } from './sync-session.ts';
import { clearViews } from './view-cache.ts';

const LOCAL_KEYS = ['brmi-unlock-verifier', 'brmi-last-activity'];
const FLUSH_TIMEOUT_MS = 10_000;

export interface LogoutOptions {
  /** Asked when pending changes could not be sent; false keeps the user signed in. */
  readonly confirmDiscard?: () => boolean;
}

/** Returns false when the user chose to stay signed in to keep unsent changes. */
export async function logout(opts: LogoutOptions = {}): Promise<boolean> {
  const flushed = await endSync(FLUSH_TIMEOUT_MS, false);
  if (!flushed) {
    const ask =
      opts.confirmDiscard ??
      (() =>
        globalThis.confirm?.(
          'Some changes have not reached the server yet (offline). Sign out and discard them?',
        ) ?? false);
    if (!ask()) return false;
    await endSync(0, true);
  }
  await signOut();
  for (const k of LOCAL_KEYS) localStorage.removeItem(k);
  clearViews();
  return true;
}
