// Sign-in, sign-out and password change, with errors turned into what a user can act on.
import { AuthError, type Session } from '@supabase/supabase-js';
import { parseLockoutMessage } from '#shared/auth/lockout-policy.ts';
import { supabase } from './supabase.ts';

export type { Session };

export type UserRole =
  'ADMIN' | 'REGIONAL_MANAGER' | 'STORE_MANAGER' | 'SUPPLY_CHAIN_USER' | 'BUSINESS_ANALYST' | 'EXECUTIVE';

/** What the app needs to know about who is signed in (from the access token's claims). */
export interface Identity {
  readonly userId: string;
  readonly email: string;
  readonly role: UserRole | undefined;
  readonly storeId: string | undefined;
  readonly regionId: string | undefined;
  readonly scopeVersion: number | undefined;
}

export type SignInFailure =
  | { readonly kind: 'invalid'; readonly message: string }
  | { readonly kind: 'locked'; readonly message: string; readonly minutesLeft: number | undefined }
  | { readonly kind: 'offline'; readonly message: string }
  | { readonly kind: 'other'; readonly message: string };

function claims(accessToken: string): Record<string, unknown> {
  const part = accessToken.split('.')[1] ?? '';
  try {
    const binary = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export function identityOf(session: Session): Identity {
  const c = claims(session.access_token);
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  return {
    userId: session.user.id,
    email: session.user.email ?? '',
    role: str(c['user_role']) as UserRole | undefined,
    storeId: str(c['store_id']),
    regionId: str(c['region_id']),
    scopeVersion: typeof c['scope_version'] === 'number' ? c['scope_version'] : undefined,
  };
}

export function describeSignInError(error: unknown, online: boolean): SignInFailure {
  if (!online) return { kind: 'offline', message: 'You are offline. Connect to sign in for the first time.' };
  if (error instanceof AuthError) {
    const text = error.message;
    const minutesLeft = parseLockoutMessage(text);
    if (minutesLeft !== undefined || /locked/i.test(text))
      return { kind: 'locked', message: text, minutesLeft };
    if (error.code === 'invalid_credentials' || /invalid login credentials/i.test(text)) {
      return { kind: 'invalid', message: 'Wrong email or password.' };
    }
    if (error.status === 0 || /fetch/i.test(text)) {
      return { kind: 'offline', message: 'Cannot reach the server. Check your connection and try again.' };
    }
    return { kind: 'other', message: text };
  }
  return { kind: 'other', message: error instanceof Error ? error.message : 'Sign-in failed.' };
}

export async function signIn(
  email: string,
  password: string,
): Promise<{ session: Session } | { failure: SignInFailure }> {
  try {
    const { data, error } = await supabase().auth.signInWithPassword({ email, password });
    if (error || !data.session) return { failure: describeSignInError(error, navigator.onLine) };
    return { session: data.session };
  } catch (err) {
    return { failure: describeSignInError(err, navigator.onLine) };
  }
}

export async function currentSession(): Promise<Session | null> {
  const { data } = await supabase().auth.getSession();
  return data.session;
}

export function onSessionChange(listener: (session: Session | null) => void): () => void {
  const { data } = supabase().auth.onAuthStateChange((_event, session) => listener(session));
  return () => data.subscription.unsubscribe();
}

export async function signOut(): Promise<void> {
  // Local scope: other devices of the same user stay signed in.
  await supabase().auth.signOut({ scope: 'local' });
}

export type PasswordChangeResult = { readonly ok: true } | { readonly ok: false; readonly message: string };

export async function changePassword(password: string): Promise<PasswordChangeResult> {
  const { error } = await supabase().auth.updateUser({ password });
  if (!error) return { ok: true };
  return { ok: false, message: error.message };
}
