import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { argsFromBody, argsFromQuery, wantsSingleObject } from '../../supabase/local/rest/request-args.ts';
import { cookiesJson, headersJson, preludeParams } from '../../supabase/local/rest/request-settings.ts';

describe('argsFromBody', () => {
  it('reads a JSON object as named arguments and keeps the text to bind', () => {
    expect(argsFromBody(Buffer.from('{"a":1,"b":"x"}'))).toEqual({
      json: '{"a":1,"b":"x"}',
      keys: ['a', 'b'],
      isObject: true,
    });
  });

  it('treats an empty body as no arguments', () => {
    expect(argsFromBody(Buffer.from('  '))).toEqual({ json: '{}', keys: [], isObject: true });
  });

  it('marks arrays and scalars as non-objects (only a single json argument can take them)', () => {
    expect(argsFromBody(Buffer.from('[1,2]'))).toMatchObject({ keys: [], isObject: false });
    expect(argsFromBody(Buffer.from('null'))).toMatchObject({ keys: [], isObject: false });
  });

  it('answers 400 PGRST102 for invalid JSON', () => {
    expect(argsFromBody(Buffer.from('{"a":'))).toEqual({
      status: 400,
      body: { code: 'PGRST102', message: 'Empty or invalid json', details: null, hint: null },
    });
  });
});

describe('argsFromQuery', () => {
  it('turns query parameters into string arguments', () => {
    expect(argsFromQuery(new URLSearchParams('a=1&tags={x,y}'))).toEqual({
      json: '{"a":"1","tags":"{x,y}"}',
      keys: ['a', 'tags'],
      isObject: true,
    });
  });
});

describe('wantsSingleObject', () => {
  it('finds params=single-object among comma-joined preferences', () => {
    expect(wantsSingleObject('return=minimal, params=single-object')).toBe(true);
    expect(wantsSingleObject('return=minimal')).toBe(false);
    expect(wantsSingleObject(undefined)).toBe(false);
  });
});

describe('request settings', () => {
  it('passes headers lower-cased without the cookie, and cookies separately', () => {
    const headers: IncomingHttpHeaders = {
      'x-client-info': 'supabase-js/2',
      cookie: 'a=1; b=2',
      'x-multi': ['x', 'y'],
    };
    expect(JSON.parse(headersJson(headers))).toEqual({ 'x-client-info': 'supabase-js/2', 'x-multi': 'x,y' });
    expect(JSON.parse(cookiesJson(headers.cookie))).toEqual({ a: '1', b: '2' });
  });

  it('orders the bound values as the prelude statement expects', () => {
    const p = preludeParams('anon', { role: 'anon' }, 'POST', '/rpc/f', {}, true);
    expect(p).toEqual([
      '"public", "extensions"',
      'anon',
      '{"role":"anon"}',
      'POST',
      '/rpc/f',
      '{}',
      '{}',
      'on',
    ]);
  });
});
