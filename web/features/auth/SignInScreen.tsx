import { useState, type FormEvent } from 'react';
import { signIn, type SignInFailure } from '../../data/auth.ts';
import { rememberVerifier } from './offline-verifier.ts';

export function SignInScreen() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<SignInFailure | null>(null);

  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    const result = await signIn(email.trim(), password);
    if ('failure' in result) setFailure(result.failure);
    else await rememberVerifier(result.session.user.id, password);
    setBusy(false);
  }

  return (
    <main className="auth-card" aria-labelledby="sign-in-title">
      <img src="/pwa-192x192.png" alt="" width={64} height={64} />
      <h1 id="sign-in-title">Sign in to Bharat Retail</h1>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <label>
          Email
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          Password
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {failure && (
          <p role="alert" className={`form-error ${failure.kind}`}>
            {failure.kind === 'locked' && failure.minutesLeft !== undefined
              ? `Your account is locked after too many failed attempts. Try again in ${failure.minutesLeft} minute${failure.minutesLeft === 1 ? '' : 's'}.`
              : failure.message}
          </p>
        )}
        <button type="submit" disabled={busy || email === '' || password === ''}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
