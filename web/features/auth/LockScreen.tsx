import { useState, type FormEvent } from 'react';
import { signIn, type Identity } from '../../data/auth.ts';
import { logout } from '../../data/logout.ts';
import { checkVerifier, hasVerifier } from './offline-verifier.ts';

/** Shown after 30 minutes idle. Offline: unlock against the local verifier; online: sign in again. */
export function LockScreen({ identity, onUnlock }: { identity: Identity; onUnlock: () => void }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setError(null);
    if (navigator.onLine) {
      const r = await signIn(identity.email, password);
      if ('session' in r) onUnlock();
      else setError(r.failure.message);
    } else if (hasVerifier(identity.userId) && (await checkVerifier(identity.userId, password))) {
      onUnlock();
    } else {
      setError('That password does not match. Offline, use the password you last signed in with.');
    }
    setBusy(false);
  }

  return (
    <main className="auth-card" aria-labelledby="lock-title">
      <h1 id="lock-title">Locked after 30 minutes idle</h1>
      <p>
        Signed in as <strong>{identity.email}</strong>. Enter your password to continue
        {navigator.onLine ? '.' : ' (offline: checked on this device).'}
      </p>
      <form onSubmit={(e) => void submit(e)}>
        <label>
          Password
          <input
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy || password === ''}>
          {busy ? 'Checking…' : 'Unlock'}
        </button>
        <button type="button" className="secondary" onClick={() => void logout()}>
          Sign out
        </button>
      </form>
    </main>
  );
}
