// Topic registry and fan-out. A message is serialised at most once per protocol version
// and the same bytes are written to every subscriber: with 1,000 sockets on a topic the
// cost is 1,000 socket writes, not 1,000 JSON.stringify calls.
import {
  encodeBinaryBroadcast,
  encodeText,
  wsFrame,
  type BinaryBroadcastPush,
  type Vsn,
} from './protocol.ts';

export interface Frame {
  /** The message bytes (text or binary). */
  readonly data: Buffer;
  readonly binary: boolean;
  /** The same message framed for the wire, built on first use and then shared. */
  readonly wire: () => Buffer;
}

export function frame(data: Buffer, binary: boolean): Frame {
  let wire: Buffer | undefined;
  return { data, binary, wire: () => (wire ??= wsFrame(data, binary)) };
}

export interface Subscriber {
  readonly vsn: Vsn;
  send(frame: Frame): void;
}

export interface Subscription {
  readonly subscriber: Subscriber;
  /** The channel name without `realtime:`. */
  readonly subTopic: string;
  /** Public and private channels of one name are separate topics, as on Supabase. */
  readonly private: boolean;
}

/** Builds the frame for one protocol version on first use; undefined = not representable. */
export type Frames = (vsn: Vsn) => Frame | undefined;

const keyOf = (subTopic: string, isPrivate: boolean): string =>
  `${isPrivate ? 'private' : 'public'}:${subTopic}`;

export class Hub {
  private readonly topics = new Map<string, Set<Subscription>>();

  add(s: Subscription): void {
    const key = keyOf(s.subTopic, s.private);
    let set = this.topics.get(key);
    if (set === undefined) {
      set = new Set();
      this.topics.set(key, set);
    }
    set.add(s);
  }

  remove(s: Subscription): void {
    const key = keyOf(s.subTopic, s.private);
    const set = this.topics.get(key);
    if (set === undefined) return;
    set.delete(s);
    if (set.size === 0) this.topics.delete(key);
  }

  subscriberCount(subTopic: string, isPrivate: boolean): number {
    return this.topics.get(keyOf(subTopic, isPrivate))?.size ?? 0;
  }

  publish(subTopic: string, isPrivate: boolean, frames: Frames, except?: Subscription): void {
    const set = this.topics.get(keyOf(subTopic, isPrivate));
    if (set === undefined) return;
    for (const s of set) {
      if (s === except) continue;
      const frame = frames(s.subscriber.vsn);
      if (frame !== undefined) s.subscriber.send(frame);
    }
  }
}

function memo(build: (vsn: Vsn) => Frame | undefined): Frames {
  const cache = new Map<Vsn, Frame | undefined>();
  return (vsn) => {
    if (!cache.has(vsn)) cache.set(vsn, build(vsn));
    return cache.get(vsn);
  };
}

/** A broadcast whose payload is JSON: `{type:'broadcast', event, payload, meta?}`. */
export function jsonBroadcastFrames(subTopic: string, payload: unknown): Frames {
  const topic = `realtime:${subTopic}`;
  return memo((vsn) =>
    frame(encodeText(vsn, { joinRef: null, ref: null, topic, event: 'broadcast', payload }), false),
  );
}

/** A client's binary (kind 3) broadcast, relayed as kind 4 to vsn 2 sockets. */
export function binaryBroadcastFrames(subTopic: string, push: BinaryBroadcastPush): Frames {
  const topic = `realtime:${subTopic}`;
  return memo((vsn) => {
    if (vsn === '2.0.0') {
      return frame(
        encodeBinaryBroadcast(topic, push.userEvent, push.metadata, push.encoding, push.userPayload),
        true,
      );
    }
    // vsn 1.0.0 has no binary frames: JSON payloads are re-wrapped, raw bytes cannot be sent.
    if (push.encoding !== 'json') return undefined;
    let userPayload: unknown;
    try {
      userPayload = JSON.parse(push.userPayload.toString('utf8'));
    } catch {
      return undefined;
    }
    const payload = { type: 'broadcast', event: push.userEvent, payload: userPayload };
    return frame(encodeText(vsn, { joinRef: null, ref: null, topic, event: 'broadcast', payload }), false);
  });
}
