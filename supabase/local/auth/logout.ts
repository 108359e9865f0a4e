// POST /logout?scope=global|local|others (api/logout.go): 204 on success.
import type { IncomingMessage } from 'node:http';
import { requireUser } from './authenticate.ts';
import type { AuthContext } from './context.ts';
import { badRequest } from './errors.ts';
import { deleteSession, deleteUserSessions } from './session-store.ts';

export async function logout(ctx: AuthContext, req: IncomingMessage, url: URL): Promise<void> {
  const scope = url.searchParams.get('scope') ?? 'global';
  if (scope !== 'global' && scope !== 'local' && scope !== 'others') {
    throw badRequest('validation_failed', `Unsupported logout scope "${scope}"`);
  }
  const { user, session } = await requireUser(ctx, req);
  const pool = ctx.deps.pool;
  if (scope === 'global' || !session) {
    // A token without a session can only mean all of the user's sessions.
    if (scope !== 'others') await deleteUserSessions(pool, user.id);
    return;
  }
  if (scope === 'local') await deleteSession(pool, session.id);
  else await deleteUserSessions(pool, user.id, session.id);
}
