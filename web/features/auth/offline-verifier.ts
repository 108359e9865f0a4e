// Offline unlock after the idle lock: at sign-in we keep a PBKDF2 verifier of the password
// (never the password), so a store manager hours offline can unlock with it. Cleared at
// sign-out. 310,000 iterations of SHA-256 is OWASP's 2023 figure for PBKDF2-SHA256.
const KEY = 'brmi-unlock-verifier';
export const PBKDF2_ITERATIONS = 310_000;

interface StoredVerifier {
  readonly userId: string;
  readonly salt: string;
  readonly hash: string;
  readonly iterations: number;
}

const toB64 = (bytes: ArrayBuffer | Uint8Array): string =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)));
const fromB64 = (text: string): Uint8Array => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<ArrayBuffer> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, [
    'deriveBits',
  ]);
  return crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    256,
  );
}

export async function rememberVerifier(
  userId: string,
  password: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<void> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, salt, iterations);
  const v: StoredVerifier = { userId, salt: toB64(salt), hash: toB64(hash), iterations };
  localStorage.setItem(KEY, JSON.stringify(v));
}

export function hasVerifier(userId: string): boolean {
  return read()?.userId === userId;
}

function read(): StoredVerifier | undefined {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as StoredVerifier) : undefined;
  } catch {
    return undefined;
  }
}

/** Constant-time comparison of the derived bits with the stored verifier. */
export async function checkVerifier(userId: string, password: string): Promise<boolean> {
  const v = read();
  if (!v || v.userId !== userId) return false;
  const got = new Uint8Array(await derive(password, fromB64(v.salt), v.iterations));
  const want = fromB64(v.hash);
  if (got.length !== want.length) return false;
  let diff = 0;
  for (let i = 0; i < got.length; i++) diff |= (got[i] ?? 0) ^ (want[i] ?? 0);
  return diff === 0;
}

export function forgetVerifier(): void {
  localStorage.removeItem(KEY);
}
