// GET /user and PUT /user (api/user.go). A password change logs out every other
// session of the user, as GoTrue's User.UpdatePassword does.
import type { IncomingMessage } from 'node:http';
import { requireUser } from './authenticate.ts';
import { inTransaction, toDate, type AuthContext } from './context.ts';
import { badRequest, unprocessable } from './errors.ts';
import { assertStrongPassword } from './password-rules.ts';
import { optionalObject, optionalString, type JsonObject } from './request.ts';
import { deleteUserSessions } from './session-store.ts';
import { findUserById, mergeMetadata, setPassword, userJson, verifyPassword } from './user-store.ts';

export async function getUser(ctx: AuthContext, req: IncomingMessage): Promise<JsonObject> {
  const { user } = await requireUser(ctx, req);
  return userJson(ctx.deps.pool, user);
}

export async function updateUser(
  ctx: AuthContext,
  req: IncomingMessage,
  body: JsonObject,
): Promise<JsonObject> {
  const { user, session } = await requireUser(ctx, req);
  // Validate everything before writing anything.
  const password = optionalString(body, 'password');
  const data = optionalObject(body, 'data');
  const email = optionalString(body, 'email');
  const phone = optionalString(body, 'phone');
  if (
    (email !== undefined && email.toLowerCase() !== (user.email ?? '')) ||
    (phone !== undefined && phone !== (user.phone ?? ''))
  ) {
    // Self-service changes need GoTrue's confirmation mails/SMS; users here are provisioned by admins.
    throw badRequest('validation_failed', 'Email and phone changes are made by an administrator');
  }
  if (password !== undefined) {
    assertStrongPassword(ctx, password);
    if (await verifyPassword(ctx.deps.pool, user.id, password)) {
      throw unprocessable('same_password', 'New password should be different from the old password.');
    }
  }
  const now = ctx.now();
  return inTransaction(ctx.deps.pool, async (client) => {
    const locked = (await findUserById(client, user.id, true)) ?? user;
    if (data !== undefined) {
      await client.query('update auth.users set raw_user_meta_data = $2, updated_at = $3 where id = $1', [
        user.id,
        JSON.stringify(mergeMetadata(locked.raw_user_meta_data, data)),
        toDate(now),
      ]);
    }
    if (password !== undefined) {
      await setPassword(client, user.id, password, ctx.bcryptCost, now);
      await deleteUserSessions(client, user.id, session?.id);
    }
    const fresh = (await findUserById(client, user.id)) ?? locked;
    return userJson(client, fresh);
  });
}
