// GoTrue's error values: an HTTP status, a machine-readable `error_code` and a message.
// `respond.ts` renders them in the body format the request's API version asks for.

export type OAuthError = { readonly error: string; readonly error_description: string };

export class AuthError extends Error {
  readonly status: number;
  readonly code: string;
  /** Extra top-level body fields, e.g. `weak_password: {reasons}`. */
  readonly extra: Readonly<Record<string, unknown>>;
  /** Set for the few OAuth-style errors GoTrue still sends as `{error, error_description}`. */
  readonly oauth: OAuthError | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    extra: Record<string, unknown> = {},
    oauth?: OAuthError,
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.extra = extra;
    this.oauth = oauth;
  }
}

export const badRequest = (code: string, message: string): AuthError => new AuthError(400, code, message);
export const unprocessable = (code: string, message: string): AuthError => new AuthError(422, code, message);
export const forbidden = (code: string, message: string): AuthError => new AuthError(403, code, message);
export const notFound = (code: string, message: string): AuthError => new AuthError(404, code, message);
export const unexpected = (message: string): AuthError => new AuthError(500, 'unexpected_failure', message);

export const invalidCredentials = (message = 'Invalid login credentials'): AuthError =>
  badRequest('invalid_credentials', message);

export const oauthError = (error: string, description: string): AuthError =>
  new AuthError(400, error, description, {}, { error, error_description: description });

/**
 * Thrown inside a transaction whose writes must stay even though the request fails
 * (GoTrue's `NewCommitWithError`): e.g. revoking a session on refresh-token reuse.
 */
export class CommitThenFail extends Error {
  readonly error: AuthError;
  constructor(error: AuthError) {
    super(error.message);
    this.error = error;
  }
}
