// Phoenix channel frames as realtime-js speaks them. vsn 1.0.0: JSON objects
// {topic,event,payload,ref,join_ref}. vsn 2.0.0: JSON arrays [join_ref,ref,topic,event,payload]
// plus binary user broadcasts: kind 3 (client push) and kind 4 (server push), laid out as in
// realtime-js lib/serializer.ts. Pure: bytes in, messages out.

export type Vsn = '1.0.0' | '2.0.0';

export interface PhxMessage {
  readonly joinRef: string | null;
  readonly ref: string | null;
  readonly topic: string;
  readonly event: string;
  readonly payload: unknown;
}

/** A kind-3 binary push: a client broadcast whose user payload stays as bytes. */
export interface BinaryBroadcastPush {
  readonly joinRef: string | null;
  readonly ref: string | null;
  readonly topic: string;
  readonly userEvent: string;
  /** JSON text of allowed metadata keys, or '' when none. */
  readonly metadata: string;
  readonly encoding: 'binary' | 'json';
  readonly userPayload: Buffer;
}

export type Decoded =
  | { readonly kind: 'message'; readonly message: PhxMessage }
  | { readonly kind: 'binary-broadcast'; readonly push: BinaryBroadcastPush }
  | { readonly kind: 'invalid'; readonly reason: string };

const KIND_USER_BROADCAST_PUSH = 3;
const KIND_USER_BROADCAST = 4;
const ENCODING_BINARY = 0;
const ENCODING_JSON = 1;

export function parseVsn(value: string | null): Vsn | undefined {
  if (value === null || value === '1.0.0') return '1.0.0'; // Phoenix's default when absent
  if (value === '2.0.0') return '2.0.0';
  return undefined;
}

const refOf = (v: unknown): string | null =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;

export function decodeFrame(data: Buffer, isBinary: boolean, vsn: Vsn): Decoded {
  if (isBinary) {
    if (vsn !== '2.0.0') return { kind: 'invalid', reason: 'binary frames need vsn 2.0.0' };
    return decodeBinaryPush(data);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(data.toString('utf8'));
  } catch {
    return { kind: 'invalid', reason: 'frame is not JSON' };
  }
  if (vsn === '2.0.0') {
    if (!Array.isArray(parsed) || parsed.length !== 5) {
      return { kind: 'invalid', reason: 'vsn 2.0.0 text frames are [join_ref, ref, topic, event, payload]' };
    }
    const [joinRef, ref, topic, event, payload] = parsed as unknown[];
    if (typeof topic !== 'string' || typeof event !== 'string') {
      return { kind: 'invalid', reason: 'topic and event must be strings' };
    }
    return { kind: 'message', message: { joinRef: refOf(joinRef), ref: refOf(ref), topic, event, payload } };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { kind: 'invalid', reason: 'vsn 1.0.0 frames are JSON objects' };
  }
  const o = parsed as Record<string, unknown>;
  if (typeof o['topic'] !== 'string' || typeof o['event'] !== 'string') {
    return { kind: 'invalid', reason: 'topic and event must be strings' };
  }
  return {
    kind: 'message',
    message: {
      joinRef: refOf(o['join_ref']),
      ref: refOf(o['ref']),
      topic: o['topic'],
      event: o['event'],
      payload: o['payload'],
    },
  };
}

function decodeBinaryPush(data: Buffer): Decoded {
  const HEADER = 7;
  if (data.length < HEADER || data[0] !== KIND_USER_BROADCAST_PUSH) {
    return { kind: 'invalid', reason: 'unsupported binary frame kind' };
  }
  const [joinRefLen, refLen, topicLen, eventLen, metaLen, enc] = [
    data[1]!,
    data[2]!,
    data[3]!,
    data[4]!,
    data[5]!,
    data[6]!,
  ];
  if (enc !== ENCODING_BINARY && enc !== ENCODING_JSON)
    return { kind: 'invalid', reason: 'unknown payload encoding' };
  const end = HEADER + joinRefLen + refLen + topicLen + eventLen + metaLen;
  if (data.length < end) return { kind: 'invalid', reason: 'binary frame shorter than its header says' };
  let at = HEADER;
  const take = (n: number): string => {
    const s = data.toString('utf8', at, at + n);
    at += n;
    return s;
  };
  const joinRef = take(joinRefLen);
  const ref = take(refLen);
  const topic = take(topicLen);
  const userEvent = take(eventLen);
  const metadata = take(metaLen);
  return {
    kind: 'binary-broadcast',
    push: {
      joinRef: joinRef === '' ? null : joinRef,
      ref: ref === '' ? null : ref,
      topic,
      userEvent,
      metadata,
      encoding: enc === ENCODING_JSON ? 'json' : 'binary',
      userPayload: data.subarray(end),
    },
  };
}

/** A text frame for `vsn`, as UTF-8 bytes so one buffer can be sent to many sockets. */
export function encodeText(vsn: Vsn, m: PhxMessage): Buffer {
  const body =
    vsn === '2.0.0'
      ? [m.joinRef, m.ref, m.topic, m.event, m.payload]
      : { topic: m.topic, event: m.event, payload: m.payload, ref: m.ref, join_ref: m.joinRef };
  return Buffer.from(JSON.stringify(body), 'utf8');
}

/** Kind-4 server broadcast (vsn 2.0.0 only): header, topic, event, metadata, payload bytes. */
export function encodeBinaryBroadcast(
  topic: string,
  userEvent: string,
  metadata: string,
  encoding: 'binary' | 'json',
  userPayload: Buffer,
): Buffer {
  const t = Buffer.from(topic, 'utf8');
  const e = Buffer.from(userEvent, 'utf8');
  const md = Buffer.from(metadata, 'utf8');
  if (t.length > 255 || e.length > 255 || md.length > 255) {
    throw new Error('topic, event and metadata of a binary broadcast are limited to 255 bytes each');
  }
  const header = Buffer.from([
    KIND_USER_BROADCAST,
    t.length,
    e.length,
    md.length,
    encoding === 'json' ? ENCODING_JSON : ENCODING_BINARY,
  ]);
  return Buffer.concat([header, t, e, md, userPayload]);
}

/**
 * A complete unmasked server websocket frame (RFC 6455 §5.2), so a broadcast's bytes are
 * framed once and written as-is to every subscriber's socket.
 */
export function wsFrame(payload: Buffer, binary: boolean): Buffer {
  const opcode = binary ? 0x2 : 0x1;
  const n = payload.length;
  let header: Buffer;
  if (n < 126) {
    header = Buffer.from([0x80 | opcode, n]);
  } else if (n < 65536) {
    header = Buffer.alloc(4);
    header[0] = 0x80 | opcode;
    header[1] = 126;
    header.writeUInt16BE(n, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = 0x80 | opcode;
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(n), 2);
  }
  return Buffer.concat([header, payload]);
}
