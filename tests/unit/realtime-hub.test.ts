// Fan-out: one serialisation per protocol version however many subscribers, public and
// private topics of one name kept apart, the sender excluded on request.
import { describe, expect, test } from 'vitest';
import {
  Hub,
  jsonBroadcastFrames,
  type Frame,
  type Subscription,
} from '../../supabase/local/realtime/hub.ts';
import type { Vsn } from '../../supabase/local/realtime/protocol.ts';

function subscription(vsn: Vsn, subTopic: string, isPrivate: boolean): Subscription & { got: Frame[] } {
  const got: Frame[] = [];
  return { subscriber: { vsn, send: (f) => got.push(f) }, subTopic, private: isPrivate, got };
}

describe('Hub', () => {
  test('serialises once per vsn and reuses the same bytes for every subscriber', () => {
    const hub = new Hub();
    const subs = Array.from({ length: 50 }, (_, i) =>
      subscription(i % 2 === 0 ? '1.0.0' : '2.0.0', 'room', true),
    );
    for (const s of subs) hub.add(s);
    hub.publish(
      'room',
      true,
      jsonBroadcastFrames('room', { type: 'broadcast', event: 'e', payload: { a: 1 } }),
    );
    // A Set of Buffers compares by reference: size 1 means every subscriber got the same bytes.
    expect(new Set(subs.filter((s) => s.subscriber.vsn === '2.0.0').map((s) => s.got[0]?.data)).size).toBe(1);
    expect(new Set(subs.filter((s) => s.subscriber.vsn === '1.0.0').map((s) => s.got[0]?.data)).size).toBe(1);
    expect(JSON.parse(subs[1]!.got[0]!.data.toString())).toEqual([
      null,
      null,
      'realtime:room',
      'broadcast',
      { type: 'broadcast', event: 'e', payload: { a: 1 } },
    ]);
  });

  test('private and public channels of one name are separate; except skips the sender; remove unsubscribes', () => {
    const hub = new Hub();
    const priv = subscription('2.0.0', 'room', true);
    const pub = subscription('2.0.0', 'room', false);
    const sender = subscription('2.0.0', 'room', false);
    for (const s of [priv, pub, sender]) hub.add(s);
    hub.publish('room', false, jsonBroadcastFrames('room', {}), sender);
    expect([priv.got.length, pub.got.length, sender.got.length]).toEqual([0, 1, 0]);
    hub.remove(pub);
    hub.publish('room', false, jsonBroadcastFrames('room', {}));
    expect([pub.got.length, sender.got.length]).toEqual([1, 1]);
    expect(hub.subscriberCount('room', false)).toBe(1);
    hub.remove(sender);
    expect(hub.subscriberCount('room', false)).toBe(0);
  });
});
