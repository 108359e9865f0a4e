import { describe, expect, it } from 'vitest';
import { chooseFunction, notFound, planCall, quoteIdent } from '../../supabase/local/rest/call-plan.ts';
import type { FunctionInfo } from '../../supabase/local/rest/function-catalog.ts';

const fn = (
  name: string,
  args: [string, string, boolean?][],
  returns: FunctionInfo['returns'] = 'scalar',
): FunctionInfo => ({
  schema: 'public',
  name,
  args: args.map(([n, type, hasDefault]) => ({ name: n, type, hasDefault: hasDefault ?? false })),
  returns,
  volatility: 'v',
});

describe('chooseFunction', () => {
  const one = fn('f', [['a', 'integer']]);
  const two = fn('f', [
    ['a', 'integer'],
    ['b', 'integer'],
  ]);
  const withDefault = fn('g', [
    ['a', 'integer'],
    ['b', 'text', true],
  ]);
  const unnamedJson = fn('h', [['', 'jsonb']]);
  const namedJson = fn('k', [['payload', 'json']]);

  it('picks the overload whose argument names match the keys', () => {
    expect(chooseFunction([one, two], ['a'], false)?.fn).toBe(one);
    expect(chooseFunction([one, two], ['b', 'a'], false)?.fn).toBe(two);
    expect(chooseFunction([one, two], ['c'], false)).toBeUndefined();
    expect(chooseFunction([one, two], [], false)).toBeUndefined();
  });

  it('lets arguments with defaults be omitted', () => {
    expect(chooseFunction([withDefault], ['a'], false)?.fn).toBe(withDefault);
    expect(chooseFunction([withDefault], ['b'], false)).toBeUndefined();
  });

  it('passes the whole body to a single unnamed json argument, and with single-object to a named one', () => {
    expect(chooseFunction([unnamedJson], ['anything'], false)).toEqual({ fn: unnamedJson, wholeBody: true });
    expect(chooseFunction([namedJson], ['x'], false)).toBeUndefined();
    expect(chooseFunction([namedJson], ['x'], true)).toEqual({ fn: namedJson, wholeBody: true });
  });
});

describe('planCall', () => {
  it('binds the body once and quotes every identifier', () => {
    const f = fn(
      'we"ird',
      [
        ['a b', 'integer'],
        ['c', 'text', true],
      ],
      'setof',
    );
    const { sql, usesBody } = planCall(f, false, ['a b'], 1000);
    expect(usesBody).toBe(true);
    expect(sql).toContain('json_to_record($1::json) as _a("a b" integer)');
    expect(sql).toContain('"public"."we""ird"("a b" := _a."a b")');
    expect(sql).toContain('limit 1000');
    expect(sql).not.toContain('"c"');
  });

  it('calls a function without arguments without binding anything', () => {
    expect(planCall(fn('now_ish', [], 'void'), false, [], 1000)).toEqual({
      sql: 'select "public"."now_ish"()',
      usesBody: false,
    });
    expect(planCall(fn('s', [], 'scalar'), false, [], 1000).sql).toBe(
      'select pg_catalog.to_json("public"."s"())::text as body',
    );
  });

  it('casts the whole body to the json argument type', () => {
    expect(planCall(fn('h', [['', 'jsonb']]), true, [], 1000).sql).toContain('"public"."h"($1::jsonb)');
  });

  it('quoteIdent doubles embedded quotes', () => {
    expect(quoteIdent('a"b')).toBe('"a""b"');
  });
});

describe('notFound', () => {
  it("uses PostgREST's PGRST202 wording, parameters sorted", () => {
    expect(notFound('public', 'f', ['b', 'a']).body).toEqual({
      code: 'PGRST202',
      message: 'Could not find the function public.f(a, b) in the schema cache',
      details:
        'Searched for the function public.f with parameters a, b or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
      hint: null,
    });
    expect(notFound('public', 'f', ['x']).body.details).toContain('with parameter x or');
  });
});
