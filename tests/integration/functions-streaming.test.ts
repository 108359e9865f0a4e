// Bodies stream through the proxy in both directions' sense that matters here: response
// chunks reach the caller as the function produces them, with its headers intact.
// Also: a function that fails to load answers 503 BOOT_ERROR and the runner stays up.
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFunctionsHarness, type FunctionsHarness } from './functions-harness.ts';

let h: FunctionsHarness;
let gate: http.Server;
let gateUrl: string;
const held: http.ServerResponse[] = [];
const gateEvents = new EventTarget();

beforeAll(async () => {
  // Holds every request until the test releases it.
  gate = http.createServer((_req, res) => {
    held.push(res);
    gateEvents.dispatchEvent(new Event('held'));
  });
  gate.listen(0, '127.0.0.1');
  await once(gate, 'listening');
  gateUrl = `http://127.0.0.1:${(gate.address() as AddressInfo).port}/`;
  h = await startFunctionsHarness();
});

afterAll(async () => {
  await h?.stop();
  gate.closeAllConnections();
  await new Promise((r) => gate.close(r));
});

describe('streaming through the functions proxy', () => {
  it('delivers the first chunk before the function has finished', async () => {
    const res = await fetch(`${h.url}/functions/v1/stream?gate=${encodeURIComponent(gateUrl)}`, {
      headers: { Authorization: `Bearer ${h.keys.anonKey}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-stream')).toBe('yes');
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes('first\n')) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`stream ended early: ${JSON.stringify(text)}`);
      text += value;
    }
    expect(text).toBe('first\n');
    if (held.length === 0) await once(gateEvents, 'held');
    held.shift()!.end('open');
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
    expect(text).toBe('first\nsecond\n');
  });
});

describe('boot errors', () => {
  it('answers 503 BOOT_ERROR for a function that cannot load, and keeps serving others', async () => {
    const res = await fetch(`${h.url}/functions/v1/boot-fails`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${h.keys.anonKey}` },
    });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      code: 'BOOT_ERROR',
      message: 'Worker failed to boot (please check logs)',
    });
    expect(h.logs.some((l) => l.includes('deliberate import-time failure'))).toBe(true);
    const ok = await fetch(`${h.url}/functions/v1/no-verify`);
    expect(await ok.json()).toEqual({ ok: true, sawAuthorization: false });
  });
});
