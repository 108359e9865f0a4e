// Reads supabase/config.toml (the Supabase CLI's own file) into the typed settings the
// local stack needs. Unknown keys are ignored, as the CLI ignores keys it does not use.
import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';
import { requiredCharacterSets as knownSets } from '../../shared/auth/password-requirements.ts';

export interface HookConfig {
  readonly enabled: boolean;
  /** `pg-functions://postgres/<schema>/<function>` */
  readonly uri: string;
}

export interface FunctionConfig {
  readonly verifyJwt: boolean;
}

export interface LocalConfig {
  readonly api: { readonly port: number; readonly schemas: readonly string[]; readonly maxRows: number };
  readonly auth: {
    readonly siteUrl: string;
    readonly jwtExpiry: number;
    readonly enableRefreshTokenRotation: boolean;
    readonly refreshTokenReuseInterval: number;
    readonly minimumPasswordLength: number;
    /** GoTrue `required_characters` sets: the password needs one character of each. */
    readonly requiredCharacterSets: readonly string[];
    readonly sessions: { readonly inactivityTimeoutSeconds: number; readonly timeboxSeconds: number };
    readonly hooks: {
      readonly customAccessToken: HookConfig | undefined;
      readonly passwordVerificationAttempt: HookConfig | undefined;
    };
  };
  /** `[functions.<name>]`; a function absent here has verify_jwt = true. */
  readonly functions: Readonly<Record<string, FunctionConfig>>;
}

/** GoTrue `required_characters` for a config.toml `password_requirements`; throws for unknown values. */
export function requiredCharacterSets(requirement: string): readonly string[] {
  const sets = knownSets(requirement);
  if (sets === undefined) {
    throw new Error(`config.toml: [auth] password_requirements = "${requirement}" is not a known value`);
  }
  return sets;
}

/** Go duration ("30m", "24h", "1h30m", "45s") to seconds; 0 for empty. */
export function goDurationSeconds(value: string): number {
  if (value === '' || value === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(h|ms|m|s)/g;
  let total = 0;
  let consumed = 0;
  for (const m of value.matchAll(re)) {
    const n = Number(m[1]);
    const unit = m[2];
    total += unit === 'h' ? n * 3600 : unit === 'm' ? n * 60 : unit === 's' ? n : n / 1000;
    consumed += m[0].length;
  }
  if (consumed !== value.length)
    throw new Error(`config.toml: "${value}" is not a Go duration (e.g. "30m", "24h")`);
  return total;
}

type Table = Record<string, unknown>;
const table = (v: unknown): Table => (v !== null && typeof v === 'object' ? (v as Table) : {});
const num = (v: unknown, d: number): number => (typeof v === 'number' ? v : d);
const str = (v: unknown, d: string): string => (typeof v === 'string' ? v : d);
const bool = (v: unknown, d: boolean): boolean => (typeof v === 'boolean' ? v : d);

function hook(v: unknown): HookConfig | undefined {
  const t = table(v);
  if (!bool(t['enabled'], false)) return undefined;
  return { enabled: true, uri: str(t['uri'], '') };
}

export function parseConfig(text: string): LocalConfig {
  const root = table(parse(text));
  const api = table(root['api']);
  const auth = table(root['auth']);
  const sessions = table(auth['sessions']);
  const hooks = table(auth['hook']);
  const functions: Record<string, FunctionConfig> = {};
  for (const [name, value] of Object.entries(table(root['functions']))) {
    functions[name] = { verifyJwt: bool(table(value)['verify_jwt'], true) };
  }
  return {
    api: {
      port: num(api['port'], 54321),
      schemas: Array.isArray(api['schemas']) ? (api['schemas'] as string[]) : ['public'],
      maxRows: num(api['max_rows'], 1000),
    },
    auth: {
      siteUrl: str(auth['site_url'], 'http://127.0.0.1:3000'),
      jwtExpiry: num(auth['jwt_expiry'], 3600),
      enableRefreshTokenRotation: bool(auth['enable_refresh_token_rotation'], true),
      refreshTokenReuseInterval: num(auth['refresh_token_reuse_interval'], 10),
      minimumPasswordLength: num(auth['minimum_password_length'], 6),
      requiredCharacterSets: requiredCharacterSets(str(auth['password_requirements'], '')),
      sessions: {
        inactivityTimeoutSeconds: goDurationSeconds(str(sessions['inactivity_timeout'], '')),
        timeboxSeconds: goDurationSeconds(str(sessions['timebox'], '')),
      },
      hooks: {
        customAccessToken: hook(hooks['custom_access_token']),
        passwordVerificationAttempt: hook(hooks['password_verification_attempt']),
      },
    },
    functions,
  };
}

export function loadConfig(path = new URL('../config.toml', import.meta.url)): LocalConfig {
  return parseConfig(readFileSync(path, 'utf8'));
}
