// Validation of the admin user endpoints' bodies (AdminUserParams in api/admin.go).
// Everything is checked before any write, so bad input never leaves a change behind.
import { parseGoDuration } from '#shared/auth/go-duration.ts';
import { badRequest } from './errors.ts';
import {
  isUuid,
  optionalBoolean,
  optionalObject,
  optionalString,
  validateEmail,
  validatePhone,
  type JsonObject,
} from './request.ts';

export interface AdminUserParams {
  readonly id: string | undefined;
  readonly email: string | undefined;
  readonly phone: string | undefined;
  readonly password: string | undefined;
  readonly emailConfirm: boolean | undefined;
  readonly phoneConfirm: boolean | undefined;
  readonly userMetadata: JsonObject | undefined;
  readonly appMetadata: JsonObject | undefined;
  readonly role: string | undefined;
  /** Seconds to ban for; 0 lifts a ban ("none"); undefined leaves it. */
  readonly banSeconds: number | undefined;
}

export function banSeconds(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'none') return 0;
  const seconds = parseGoDuration(value);
  if (seconds === undefined || seconds < 0) {
    throw badRequest(
      'validation_failed',
      `invalid format for ban duration: ${JSON.stringify(value)} is not a duration such as "24h" or "none"`,
    );
  }
  return seconds;
}

export function parseAdminUserParams(body: JsonObject): AdminUserParams {
  const id = optionalString(body, 'id');
  if (id !== undefined && !isUuid(id)) throw badRequest('validation_failed', 'id must be a UUID');
  if (body['password_hash'] !== undefined && body['password_hash'] !== null) {
    throw badRequest(
      'validation_failed',
      'password_hash is not supported by the local auth service; send password',
    );
  }
  const email = optionalString(body, 'email');
  const phone = optionalString(body, 'phone');
  const role = optionalString(body, 'role');
  if (role !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(role))
    throw badRequest('validation_failed', 'Invalid role');
  return {
    id,
    email: email === undefined || email === '' ? undefined : validateEmail(email),
    phone: phone === undefined || phone === '' ? undefined : validatePhone(phone),
    password: optionalString(body, 'password'),
    emailConfirm: optionalBoolean(body, 'email_confirm'),
    phoneConfirm: optionalBoolean(body, 'phone_confirm'),
    userMetadata: optionalObject(body, 'user_metadata'),
    appMetadata: optionalObject(body, 'app_metadata'),
    role,
    banSeconds: banSeconds(optionalString(body, 'ban_duration')),
  };
}

export interface Page {
  readonly page: number;
  readonly perPage: number;
}

/** `page`/`per_page` query values; auth-js sends empty strings when unset. */
export function parsePage(url: URL): Page {
  const read = (name: string, fallback: number): number => {
    const raw = url.searchParams.get(name) ?? '';
    if (raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw badRequest('validation_failed', 'Bad Pagination Parameters');
    return n;
  };
  return { page: read('page', 1), perPage: Math.min(read('per_page', 50), 1000) };
}
