import { SECTIONS, sectionFromHash } from './sections.ts';
import { UpdatePrompt } from './UpdatePrompt.tsx';
import { useHash } from './use-hash.ts';
import { useOnline } from './use-online.ts';

export function App() {
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
      </header>
      <nav className="nav" aria-label="Sections">
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.id}>
              <a href={`#/${s.id}`} aria-current={s.id === section.id ? 'page' : undefined}>
                {s.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content" aria-labelledby="section-title">
        <h2 id="section-title">{section.label}</h2>
        <p>{section.summary}</p>
        {!section.ready && <p className="note">This screen is being built.</p>}
      </main>
      <UpdatePrompt />
    </div>
  );
}
