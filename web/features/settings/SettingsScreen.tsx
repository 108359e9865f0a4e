import { useEffect, useState, type FormEvent } from 'react';
import { changePassword, type Identity } from '../../data/auth.ts';
import { PasswordChecklist, passwordMeetsPolicy } from '../auth/PasswordChecklist.tsx';
import { rememberVerifier } from '../auth/offline-verifier.ts';
import {
  formatBytes,
  isIosSafariNotInstalled,
  requestPersistence,
  storageFacts,
  type StorageFacts,
} from './storage.ts';

function StorageSection() {
  const [facts, setFacts] = useState<StorageFacts | null>(null);
  useEffect(() => {
    void storageFacts().then(setFacts);
  }, []);
  return (
    <section aria-labelledby="storage-title" className="card">
      <h3 id="storage-title">Storage on this device</h3>
      {facts === null ? (
        <p>Checking…</p>
      ) : (
        <dl className="facts">
          <dt>Used</dt>
          <dd>
            {formatBytes(facts.usageBytes)} of {formatBytes(facts.quotaBytes)}
          </dd>
          <dt>Protected from clean-up</dt>
          <dd>{facts.persisted === undefined ? 'not supported' : facts.persisted ? 'Yes' : 'No'}</dd>
        </dl>
      )}
      {facts?.persisted === false && (
        <button
          type="button"
          onClick={() => void requestPersistence().then(() => storageFacts().then(setFacts))}
        >
          Keep my offline data
        </button>
      )}
      {isIosSafariNotInstalled() && (
        <p className="hint" role="note">
          On iPhone and iPad, Safari deletes offline data of websites after 7 days without a visit. Tap Share,
          then “Add to Home Screen” to keep your data.
        </p>
      )}
    </section>
  );
}

function PasswordSection({ identity }: { identity: Identity }) {
  const [password, setPassword] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    const r = await changePassword(password);
    if (r.ok) await rememberVerifier(identity.userId, password);
    setMessage(r.ok ? { ok: true, text: 'Password changed.' } : { ok: false, text: r.message });
    if (r.ok) setPassword('');
  }
  return (
    <section aria-labelledby="password-title" className="card">
      <h3 id="password-title">Change password</h3>
      <form onSubmit={(e) => void submit(e)}>
        <label>
          New password
          <input
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <PasswordChecklist password={password} />
        {message && (
          <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'form-ok' : 'form-error'}>
            {message.text}
          </p>
        )}
        <button type="submit" disabled={!passwordMeetsPolicy(password) || !navigator.onLine}>
          Change password
        </button>
        {!navigator.onLine && <p className="hint">Changing your password needs a connection.</p>}
      </form>
    </section>
  );
}

export function SettingsScreen({ identity }: { identity: Identity }) {
  return (
    <>
      <section aria-labelledby="account-title" className="card">
        <h3 id="account-title">Account</h3>
        <dl className="facts">
          <dt>Email</dt>
          <dd>{identity.email}</dd>
          <dt>Role</dt>
          <dd>{identity.role?.replace(/_/g, ' ').toLowerCase() ?? 'not assigned'}</dd>
          {identity.storeId && (
            <>
              <dt>Store</dt>
              <dd>{identity.storeId}</dd>
            </>
          )}
          {identity.regionId && (
            <>
              <dt>Region</dt>
              <dd>{identity.regionId}</dd>
            </>
          )}
        </dl>
      </section>
      <StorageSection />
      <PasswordSection identity={identity} />
    </>
  );
}
