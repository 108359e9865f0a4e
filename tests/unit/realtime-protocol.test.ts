// Our frame codec against realtime-js's own serializer: what the client encodes we decode,
// and what we encode the client decodes.
// realtime-js's internal serializer module: the reference codec (not part of its public API).
import SerializerModule from '@supabase/realtime-js/dist/main/lib/serializer.js';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  decodeFrame,
  encodeBinaryBroadcast,
  encodeText,
  parseVsn,
  wsFrame,
} from '../../supabase/local/realtime/protocol.ts';
import { checkAccessToken } from '../../supabase/local/realtime/tokens.ts';
import { signJwt } from '../../supabase/local/jwt.ts';

interface ClientMessage {
  join_ref: string | null;
  ref: string | null;
  topic: string;
  event: string;
  payload: unknown;
}
interface ClientSerializer {
  encode(msg: ClientMessage, cb: (encoded: string | ArrayBuffer) => unknown): unknown;
  decode(raw: string | ArrayBuffer, cb: (msg: ClientMessage) => unknown): unknown;
}
const SerializerClass = ((SerializerModule as { default?: unknown }).default ??
  SerializerModule) as new () => ClientSerializer;
const client = new SerializerClass();

const encodeWithClient = (msg: ClientMessage): string | ArrayBuffer =>
  client.encode(msg, (x) => x) as string | ArrayBuffer;
const decodeWithClient = (raw: string | ArrayBuffer): ClientMessage =>
  client.decode(raw, (m) => m) as ClientMessage;
const toArrayBuffer = (b: Buffer): ArrayBuffer =>
  b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

describe('vsn', () => {
  test('absent means 1.0.0, unknown versions are rejected', () => {
    expect(parseVsn(null)).toBe('1.0.0');
    expect(parseVsn('2.0.0')).toBe('2.0.0');
    expect(parseVsn('3.0.0')).toBeUndefined();
  });
});

describe('client frames decode', () => {
  test('a vsn 2 JSON array push', () => {
    const raw = encodeWithClient({
      join_ref: '1',
      ref: '2',
      topic: 'realtime:a',
      event: 'phx_join',
      payload: { config: {} },
    });
    expect(typeof raw).toBe('string');
    expect(decodeFrame(Buffer.from(raw as string), false, '2.0.0')).toEqual({
      kind: 'message',
      message: { joinRef: '1', ref: '2', topic: 'realtime:a', event: 'phx_join', payload: { config: {} } },
    });
  });

  test('a vsn 2 broadcast is a binary kind-3 frame with a JSON user payload', () => {
    const raw = encodeWithClient({
      join_ref: '4',
      ref: '7',
      topic: 'realtime:room',
      event: 'broadcast',
      payload: { type: 'broadcast', event: 'moved', payload: { x: 1 } },
    });
    expect(raw).toBeInstanceOf(ArrayBuffer);
    const d = decodeFrame(Buffer.from(raw as ArrayBuffer), true, '2.0.0');
    expect(d.kind).toBe('binary-broadcast');
    if (d.kind !== 'binary-broadcast') return;
    expect(d.push).toMatchObject({
      joinRef: '4',
      ref: '7',
      topic: 'realtime:room',
      userEvent: 'moved',
      metadata: '',
      encoding: 'json',
    });
    expect(JSON.parse(d.push.userPayload.toString())).toEqual({ x: 1 });
  });

  test('a vsn 1 object frame', () => {
    const raw = JSON.stringify({
      topic: 'phoenix',
      event: 'heartbeat',
      payload: {},
      ref: '3',
      join_ref: null,
    });
    expect(decodeFrame(Buffer.from(raw), false, '1.0.0')).toEqual({
      kind: 'message',
      message: { joinRef: null, ref: '3', topic: 'phoenix', event: 'heartbeat', payload: {} },
    });
  });

  test('malformed frames are reported, not thrown', () => {
    expect(decodeFrame(Buffer.from('{'), false, '2.0.0').kind).toBe('invalid');
    expect(decodeFrame(Buffer.from('[1,2]'), false, '2.0.0').kind).toBe('invalid');
    expect(decodeFrame(Buffer.from('[]'), false, '1.0.0').kind).toBe('invalid');
    expect(decodeFrame(Buffer.from([3, 1]), true, '2.0.0').kind).toBe('invalid');
    expect(decodeFrame(Buffer.from([3, 9, 0, 0, 0, 0, 1]), true, '2.0.0').kind).toBe('invalid');
    expect(decodeFrame(Buffer.from([3, 0, 0, 0, 0, 0, 1]), true, '1.0.0').kind).toBe('invalid');
  });
});

describe('server frames decode in realtime-js', () => {
  test('vsn 2 text frame', () => {
    const frame = encodeText('2.0.0', {
      joinRef: null,
      ref: null,
      topic: 'realtime:t',
      event: 'broadcast',
      payload: { type: 'broadcast', event: 'e', payload: { a: 1 } },
    });
    expect(decodeWithClient(frame.toString())).toEqual({
      join_ref: null,
      ref: null,
      topic: 'realtime:t',
      event: 'broadcast',
      payload: { type: 'broadcast', event: 'e', payload: { a: 1 } },
    });
  });

  test('kind-4 binary broadcast, JSON and raw payloads', () => {
    const jsonFrame = encodeBinaryBroadcast('realtime:t', 'e', '', 'json', Buffer.from('{"a":[1,2]}'));
    expect(decodeWithClient(toArrayBuffer(jsonFrame))).toEqual({
      join_ref: null,
      ref: null,
      topic: 'realtime:t',
      event: 'broadcast',
      payload: { type: 'broadcast', event: 'e', payload: { a: [1, 2] } },
    });
    const rawFrame = encodeBinaryBroadcast('realtime:t', 'bytes', '{"k":1}', 'binary', Buffer.from([0, 255]));
    const decoded = decodeWithClient(toArrayBuffer(rawFrame)) as ClientMessage & {
      payload: { payload: ArrayBuffer; meta: unknown };
    };
    expect([...new Uint8Array(decoded.payload.payload)]).toEqual([0, 255]);
    expect(decoded.payload.meta).toEqual({ k: 1 });
  });

  test('over-long topic is refused rather than truncated', () => {
    expect(() => encodeBinaryBroadcast('t'.repeat(256), 'e', '', 'json', Buffer.from('{}'))).toThrow(
      /255 bytes/,
    );
  });
});

describe('access tokens', () => {
  const secret = 'test-secret-with-at-least-32-characters!!';
  test('Supabase reasons for each failure', () => {
    expect(checkAccessToken('nope', secret, 100)).toEqual({
      ok: false,
      code: 'MalformedJWT',
      message: 'The token provided is not a valid JWT',
    });
    expect(checkAccessToken(signJwt({ role: 'anon', exp: 200 }, 'other-secret'), secret, 100)).toMatchObject({
      code: 'JwtSignatureError',
    });
    expect(checkAccessToken(signJwt({ role: 'anon', exp: 40 }, secret), secret, 100)).toEqual({
      ok: false,
      code: 'InvalidJWTToken',
      message: 'Token has expired 60 seconds ago',
    });
    expect(checkAccessToken(signJwt({ role: 'anon' }, secret), secret, 100)).toEqual({
      ok: false,
      code: 'InvalidJWTToken',
      message: 'Fields `role` and `exp` are required in JWT',
    });
    expect(checkAccessToken(signJwt({ role: 'anon', exp: 200 }, secret), secret, 100)).toMatchObject({
      ok: true,
    });
  });
});

describe('wsFrame', () => {
  test('matches the frames ws itself builds, for each length encoding', async () => {
    // ws exports its Sender at runtime; @types/ws does not declare it.
    const { Sender } = (await import('ws')) as unknown as {
      Sender: {
        frame(
          data: Buffer,
          o: { fin: boolean; rsv1: boolean; opcode: number; mask: boolean; readOnly: boolean },
        ): Buffer[];
      };
    };
    for (const n of [0, 125, 126, 65535, 65536]) {
      for (const binary of [false, true]) {
        const data = Buffer.alloc(n, 7);
        const expected = Buffer.concat(
          Sender.frame(data, { fin: true, rsv1: false, opcode: binary ? 2 : 1, mask: false, readOnly: true }),
        );
        expect(wsFrame(data, binary).equals(expected)).toBe(true);
      }
    }
  });
});

describe('round trips with realtime-js, for arbitrary frames', () => {
  // realtime-js writes header strings byte-per-char, so its binary frames carry ASCII names.
  const name = fc.string({
    unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789:-_'),
    maxLength: 60,
  });
  const json = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);

  test('client broadcast pushes decode to the same topic, event, refs and payload', () => {
    fc.assert(
      fc.property(name, name, fc.nat(), fc.nat(), json, (topic, event, joinRef, ref, payload) => {
        const raw = encodeWithClient({
          join_ref: String(joinRef),
          ref: String(ref),
          topic: `realtime:${topic}`,
          event: 'broadcast',
          payload: { type: 'broadcast', event, payload },
        });
        const d = decodeFrame(Buffer.from(raw as ArrayBuffer), true, '2.0.0');
        expect(d.kind).toBe('binary-broadcast');
        if (d.kind !== 'binary-broadcast') return;
        expect(d.push).toMatchObject({
          joinRef: String(joinRef),
          ref: String(ref),
          topic: `realtime:${topic}`,
          userEvent: event,
        });
        expect(JSON.parse(d.push.userPayload.toString('utf8'))).toEqual(payload ?? {});
      }),
      { numRuns: 200 },
    );
  });

  test('server text and kind-4 frames decode in realtime-js to what was sent', () => {
    fc.assert(
      fc.property(name, name, json, (topic, event, payload) => {
        const message = { type: 'broadcast', event, payload };
        const text = encodeText('2.0.0', {
          joinRef: null,
          ref: null,
          topic: `realtime:${topic}`,
          event: 'broadcast',
          payload: message,
        });
        expect(decodeWithClient(text.toString('utf8')).payload).toEqual(message);
        const bin = encodeBinaryBroadcast(
          `realtime:${topic}`,
          event,
          '',
          'json',
          Buffer.from(JSON.stringify(payload)),
        );
        expect(decodeWithClient(toArrayBuffer(bin)).payload).toEqual(message);
      }),
      { numRuns: 200 },
    );
  });
});
