// Applies the [auth] password rules from config.toml to a new password: 400 for more
// than 72 bytes, 422 weak_password with `reasons` otherwise (§1.6, design Property 36).
import { checkPasswordStrength } from '#shared/auth/password-policy.ts';
import type { AuthContext } from './context.ts';
import { AuthError, badRequest } from './errors.ts';

export function assertStrongPassword(ctx: AuthContext, password: string): void {
  const verdict = checkPasswordStrength(password, {
    minLength: ctx.deps.config.auth.minimumPasswordLength,
    requiredCharacterSets: ctx.deps.config.auth.requiredCharacterSets,
  });
  if (verdict.ok) return;
  if (verdict.tooLong) throw badRequest('validation_failed', verdict.message);
  throw new AuthError(422, 'weak_password', verdict.message, { weak_password: { reasons: verdict.reasons } });
}

/** Admin create only refuses what bcrypt cannot hash, as GoTrue does. */
export function assertHashablePassword(password: string): void {
  if (Buffer.byteLength(password, 'utf8') > 72) {
    throw badRequest('validation_failed', 'Password cannot be longer than 72 characters');
  }
}
