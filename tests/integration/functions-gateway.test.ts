// The functions service wired into the real local stack (gateway → /functions/v1 →
// Deno runner over supabase/functions): routing, verify_jwt and unknown functions.
import { FunctionsClient, FunctionsHttpError } from '@supabase/functions-js';
import { createClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ws from 'ws';
import { startTestStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

async function failure(error: unknown): Promise<{ status: number; body: unknown }> {
  expect(error).toBeInstanceOf(FunctionsHttpError);
  const response = (error as FunctionsHttpError).context as Response;
  return { status: response.status, body: await response.json() };
}

describe('functions through the local gateway', () => {
  it('answers 404 for a function that does not exist, once the JWT is valid', async () => {
    const supabase = createClient(stack.url, stack.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: ws as unknown as typeof WebSocket },
    });
    const { error } = await supabase.functions.invoke('no-such-function');
    expect(await failure(error)).toEqual({
      status: 404,
      body: { code: 'NOT_FOUND', message: 'Requested function was not found' },
    });
  });

  it('answers 401 without a JWT (verify_jwt defaults to true)', async () => {
    const { error } = await new FunctionsClient(`${stack.url}/functions/v1`).invoke('no-such-function');
    expect(await failure(error)).toEqual({
      status: 401,
      body: { msg: 'Error: Missing authorization header' },
    });
  });
});
