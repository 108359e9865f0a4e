// Request parsing shared by the endpoints: JSON bodies, UUIDs, bearer tokens.
import type { IncomingMessage } from 'node:http';
import { AuthError, badRequest } from './errors.ts';

export type JsonObject = Record<string, unknown>;

/** The body as a JSON object; an empty body is `{}` (auth-js sends none on logout). */
export function parseBody(body: Buffer): JsonObject {
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw badRequest('bad_json', `Could not parse request body as JSON: ${(err as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest('bad_json', 'Request body must be a JSON object');
  }
  return value as JsonObject;
}

export function optionalString(body: JsonObject, key: string): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw badRequest('bad_json', `"${key}" must be a string`);
  return v;
}

export function optionalBoolean(body: JsonObject, key: string): boolean | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw badRequest('bad_json', `"${key}" must be a boolean`);
  return v;
}

export function optionalObject(body: JsonObject, key: string): JsonObject | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v))
    throw badRequest('bad_json', `"${key}" must be a JSON object`);
  return v as JsonObject;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string): boolean => UUID.test(s);

// Deliberately loose, like GoTrue's own check: one @, something on each side, a dot after it.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function validateEmail(email: string): string {
  const e = email.trim().toLowerCase();
  if (e.length > 255 || !EMAIL.test(e))
    throw badRequest('validation_failed', 'Unable to validate email address: invalid format');
  return e;
}

const PHONE = /^[1-9]\d{4,14}$/;
/** E.164 digits without '+', as GoTrue stores phones. */
export function validatePhone(phone: string): string {
  const p = phone.replace(/[\s\-()+]/g, '');
  if (!PHONE.test(p)) throw badRequest('validation_failed', 'Invalid phone number format (E.164 required)');
  return p;
}

export function bearerToken(req: IncomingMessage): string {
  const header = req.headers.authorization;
  const m = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!m?.[1]) throw new AuthError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
  return m[1];
}

export function clientIp(req: IncomingMessage): string | null {
  const fwd = req.headers['x-forwarded-for'];
  const first = (Array.isArray(fwd) ? fwd[0] : fwd)?.split(',')[0]?.trim();
  const ip = first || req.socket.remoteAddress || '';
  // Only plain IPv4/IPv6 literals reach the inet column; anything else is dropped.
  return /^[0-9a-fA-F:.]+$/.test(ip) ? ip : null;
}
