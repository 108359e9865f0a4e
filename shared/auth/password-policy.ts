// Password strength as GoTrue checks it (internal/api/password.go, checkPasswordStrength),
// so the PWA can tell a user what is wrong before the server does, with the same words.
// Design Property 36: a password that misses the length or a character set is rejected.

export interface PasswordPolicy {
  /** GoTrue clamps this to at least 6. */
  readonly minLength: number;
  /** The password needs one character from each set (GoTrue `required_characters`). */
  readonly requiredCharacterSets: readonly string[];
}

export type WeakReason = 'length' | 'characters';

export type PasswordVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly tooLong: true; readonly message: string }
  | {
      readonly ok: false;
      readonly tooLong: false;
      readonly reasons: readonly WeakReason[];
      readonly message: string;
    };

/** bcrypt reads at most 72 bytes; GoTrue refuses longer passwords rather than truncating silently. */
export const MAX_PASSWORD_BYTES = 72;

/** UTF-8 length without TextEncoder (shared/ has no DOM or Node globals). */
export function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

export function effectiveMinLength(policy: PasswordPolicy): number {
  return Math.max(6, Number.isFinite(policy.minLength) ? Math.floor(policy.minLength) : 6);
}

export function checkPasswordStrength(password: string, policy: PasswordPolicy): PasswordVerdict {
  if (utf8Length(password) > MAX_PASSWORD_BYTES) {
    return {
      ok: false,
      tooLong: true,
      message: `Password cannot be longer than ${MAX_PASSWORD_BYTES} characters`,
    };
  }
  const reasons: WeakReason[] = [];
  const messages: string[] = [];
  const min = effectiveMinLength(policy);
  // GoTrue counts bytes (Go len); the same here so both sides agree on non-ASCII input.
  if (utf8Length(password) < min) {
    reasons.push('length');
    messages.push(`Password should be at least ${min} characters.`);
  }
  const sets = policy.requiredCharacterSets.filter((s) => s.length > 0);
  const missing = sets.some((set) => ![...password].some((ch) => set.includes(ch)));
  if (missing) {
    reasons.push('characters');
    messages.push(`Password should contain at least one character of each: ${sets.join(', ')}.`);
  }
  if (reasons.length === 0) return { ok: true };
  return { ok: false, tooLong: false, reasons, message: messages.join(' ') };
}
