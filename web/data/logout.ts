// Logout on a shared device: flush what is pending, then wipe everything local.
// (Pending-write flushing and the RxDB wipe join here with the sync engine, issue 7.)
import { signOut } from './auth.ts';

const LOCAL_KEYS = ['brmi-unlock-verifier', 'brmi-last-activity'];

export async function logout(): Promise<void> {
  await signOut();
  for (const k of LOCAL_KEYS) localStorage.removeItem(k);
}
