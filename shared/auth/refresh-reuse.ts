// What the refresh grant does with a presented refresh token (GoTrue tokens/service.go):
// rotate a live token; hand back the active child when its revoked parent is replayed
// (the client lost the last response); allow any other revoked token within the reuse
// interval; otherwise it is reuse of a stolen token and the session is revoked.

export interface PresentedToken {
  readonly revoked: boolean;
  /** When it was revoked (its updated_at), seconds. */
  readonly updatedAt: number;
  readonly token: string;
}

export type RefreshAction = 'rotate' | 'return_active' | 'reuse_detected';

export function refreshAction(
  presented: PresentedToken,
  activeParent: string | undefined,
  reuseIntervalSeconds: number,
  now: number,
): RefreshAction {
  if (!presented.revoked) return 'rotate';
  if (activeParent !== undefined && activeParent === presented.token) return 'return_active';
  if (now <= presented.updatedAt + Math.max(0, reuseIntervalSeconds)) return 'rotate';
  return 'reuse_detected';
}
