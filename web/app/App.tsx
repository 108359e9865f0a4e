import { useEffect } from 'react';
import { identityOf, type Identity } from '../data/auth.ts';
import { logout } from '../data/logout.ts';
import { hasStoredSession } from '../data/supabase.ts';
import { followSession, preloadSyncEngine } from '../data/sync-session.ts';
import { AlertsBadge } from '../features/alerts/AlertsBadge.tsx';
import { LazyAlertsScreen } from '../features/alerts/LazyAlertsScreen.tsx';
import { LazyForecastsScreen } from '../features/forecasts/LazyForecastsScreen.tsx';
import { LazyInventoryScreen } from '../features/inventory/LazyInventoryScreen.tsx';
import { LazySalesScreen, loadSalesScreen } from '../features/sales/LazySalesScreen.tsx';
import { watchIdle } from '../features/auth/idle.ts';
import { LockScreen } from '../features/auth/LockScreen.tsx';
import { SignInScreen } from '../features/auth/SignInScreen.tsx';
import { useSession } from '../features/auth/use-session.ts';
import { requestPersistence } from '../features/settings/storage.ts';
import { SettingsScreen } from '../features/settings/SettingsScreen.tsx';
import { SECTIONS, sectionFromHash, type Section } from './sections.ts';
import { useSessionUi } from './session.store.ts';
import { UpdatePrompt } from './UpdatePrompt.tsx';
import { useHash } from './use-hash.ts';
import { useOnline } from './use-online.ts';

// A returning user: fetch the sync code (and Sales, where they land) alongside the
// session restore instead of after the shell has rendered.
if (hasStoredSession()) {
  preloadSyncEngine();
  if (sectionFromHash(globalThis.location?.hash ?? '').id === 'sales') void loadSalesScreen();
}

function Content({ section, identity }: { section: Section; identity: Identity }) {
  if (section.id === 'settings') return <SettingsScreen identity={identity} />;
  if (section.id === 'alerts') return <LazyAlertsScreen role={identity.role} />;
  if (section.id === 'sales') return <LazySalesScreen identity={identity} />;
  if (section.id === 'inventory') return <LazyInventoryScreen identity={identity} />;
  if (section.id === 'forecasts') return <LazyForecastsScreen identity={identity} />;
  return (
    <>
      <p>{section.summary}</p>
      {!section.ready && <p className="note">This screen is being built.</p>}
    </>
  );
}

function Shell({ identity }: { identity: Identity }) {
  const online = useOnline();
  const section = sectionFromHash(useHash());
  return (
    <div className="shell">
      <header className="topbar">
        <img src="/apple-touch-icon.png" alt="" width={28} height={28} className="logo" />
        <h1>Bharat Retail</h1>
        <span className={`status ${online ? 'online' : 'offline'}`} role="status" aria-live="polite">
          <span aria-hidden="true">{online ? '●' : '○'}</span> {online ? 'Online' : 'Offline'}
        </span>
        <button type="button" className="topbar-button" onClick={() => void logout()}>
          Sign out
        </button>
      </header>
      <nav className="nav" aria-label="Sections">
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.id}>
              <a href={`#/${s.id}`} aria-current={s.id === section.id ? 'page' : undefined}>
                {s.label}
                {s.id === 'alerts' && <AlertsBadge />}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content" aria-labelledby="section-title">
        <h2 id="section-title">{section.label}</h2>
        <Content section={section} identity={identity} />
      </main>
    </div>
  );
}

function SignedIn({ identity }: { identity: Identity }) {
  const { locked, lock, unlock } = useSessionUi();
  useEffect(() => watchIdle(lock), [lock]);
  useEffect(() => {
    void requestPersistence();
  }, []);
  if (locked) return <LockScreen identity={identity} onUnlock={unlock} />;
  return <Shell identity={identity} />;
}

export function App() {
  const session = useSession();
  // One sync engine follows the session: starts on sign-in, wipes and resyncs on a user,
  // role or scope change (web/data/sync-session.ts).
  useEffect(() => followSession(), []);
  return (
    <>
      {session === undefined ? (
        <p className="loading" role="status">
          Opening…
        </p>
      ) : session === null ? (
        <SignInScreen />
      ) : (
        <SignedIn identity={identityOf(session)} />
      )}
      <UpdatePrompt />
    </>
  );
}
