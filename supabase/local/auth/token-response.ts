// AccessTokenResponse (tokens/service.go): auth-js needs access_token, refresh_token
// and expires_in all truthy to recognise a session.
import type pg from 'pg';
import type { IssuedToken } from './access-token.ts';
import type { JsonObject } from './request.ts';
import { userJson, type UserRow } from './user-store.ts';

export async function tokenResponse(
  db: pg.PoolClient,
  issued: IssuedToken,
  refreshToken: string,
  user: UserRow,
  extra: JsonObject = {},
): Promise<JsonObject> {
  return {
    access_token: issued.accessToken,
    token_type: 'bearer',
    expires_in: issued.expiresIn,
    expires_at: issued.expiresAt,
    refresh_token: refreshToken,
    user: await userJson(db, user),
    ...extra,
  };
}
