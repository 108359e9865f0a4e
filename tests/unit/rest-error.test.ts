import { describe, expect, it } from 'vitest';
import { fromPgError, pgErrorStatus } from '../../supabase/local/rest/rest-error.ts';

describe('pgErrorStatus (PostgREST v14 mapping)', () => {
  it.each([
    ['23505', 409],
    ['23503', 409],
    ['23502', 400],
    ['23514', 400],
    ['P0001', 400],
    ['P0002', 500],
    ['25006', 405],
    ['42883', 404],
    ['42P01', 404],
    ['42P17', 500],
    ['22P02', 400],
    ['08006', 503],
    ['53300', 503],
    ['53400', 500],
    ['57P01', 503],
    ['57014', 500],
    ['28000', 403],
    ['40001', 500],
    ['XX000', 500],
    ['PT402', 402],
    ['PT418', 418],
  ])('%s → %i', (code, status) => {
    expect(pgErrorStatus(code, 'm', false)).toBe(status);
  });

  it('answers 42501 with 401 for the anon role and 403 otherwise', () => {
    expect(pgErrorStatus('42501', 'permission denied', true)).toBe(401);
    expect(pgErrorStatus('42501', 'permission denied', false)).toBe(403);
  });

  it('answers 22023 with 401 only for a missing JWT role', () => {
    expect(pgErrorStatus('22023', 'role "ghost" does not exist', false)).toBe(401);
    expect(pgErrorStatus('22023', 'invalid parameter value', false)).toBe(400);
  });

  it('answers 21000 with 400 only for pg-safeupdate', () => {
    expect(pgErrorStatus('21000', 'DELETE requires a WHERE clause', false)).toBe(400);
    expect(pgErrorStatus('21000', 'more than one row returned by a subquery', false)).toBe(500);
  });
});

describe('fromPgError', () => {
  it('builds {code, message, details, hint} with nulls for absent fields and WWW-Authenticate on 401', () => {
    const e = fromPgError({ code: '42501', message: 'permission denied for function f' }, true);
    expect(e.status).toBe(401);
    expect(e.body).toEqual({
      code: '42501',
      message: 'permission denied for function f',
      details: null,
      hint: null,
    });
    expect(e.headers?.['www-authenticate']).toBe('Bearer');
  });

  it("gives full control to RAISE SQLSTATE 'PGRST' with JSON message and detail", () => {
    const e = fromPgError(
      {
        code: 'PGRST',
        message: '{"code":"123","message":"Payment Required","hint":"pay"}',
        detail: '{"status":402,"headers":{"X-Powered-By":"Nerd Rage"}}',
      },
      false,
    );
    expect(e.status).toBe(402);
    expect(e.body).toEqual({ code: '123', message: 'Payment Required', details: null, hint: 'pay' });
    expect(e.headers).toEqual({ 'x-powered-by': 'Nerd Rage' });
  });

  it("answers 500 PGRST121 when a 'PGRST' raise carries invalid JSON", () => {
    const e = fromPgError({ code: 'PGRST', message: 'not json', detail: '{}' }, false);
    expect(e.status).toBe(500);
    expect(e.body.code).toBe('PGRST121');
  });
});
