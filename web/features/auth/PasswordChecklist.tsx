import { passwordChecklist, PLATFORM_PASSWORD_POLICY } from '#shared/auth/password-requirements.ts';

/** Live list of the password rules; each line says met/not met in words, not colour alone. */
export function PasswordChecklist({ password }: { password: string }) {
  const items = passwordChecklist(password, PLATFORM_PASSWORD_POLICY);
  return (
    <ul className="checklist" aria-label="Password rules" aria-live="polite">
      {items.map((item) => (
        <li key={item.label} className={item.met ? 'met' : 'unmet'}>
          <span aria-hidden="true">{item.met ? '✓' : '✗'}</span> {item.label}
          <span className="sr-only">{item.met ? ' (met)' : ' (not met)'}</span>
        </li>
      ))}
    </ul>
  );
}

export function passwordMeetsPolicy(password: string): boolean {
  return passwordChecklist(password, PLATFORM_PASSWORD_POLICY).every((i) => i.met);
}
