import { describe, expect, it } from 'vitest';
import type { ConnectionState } from './connection-state';
import { describeConnection } from './connection-state';
import { ReconnectingStream, type Clock, type StreamHandlers } from './stream-client';

/** A clock whose timers fire only when the test advances it. */
class FakeClock implements Clock {
  t = 1_000_000;
  timers: { at: number; fn: () => void; id: number }[] = [];
  #id = 0;
  now = (): number => this.t;
  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = ++this.#id;
    this.timers.push({ at: this.t + ms, fn, id });
    return id;
  };
  clearTimeout = (h: unknown): void => {
    this.timers = this.timers.filter((x) => x.id !== h);
  };
  advance(ms: number): void {
    this.t += ms;
    const due = this.timers.filter((x) => x.at <= this.t);
    this.timers = this.timers.filter((x) => x.at > this.t);
    for (const d of due) d.fn();
  }
}

function harness() {
  const clock = new FakeClock();
  const states: ConnectionState[] = [];
  const messages: [string, string, string | null][] = [];
  const connects: { lastEventId: string | null; h: StreamHandlers; closed: boolean }[] = [];
  const stream = new ReconnectingStream({
    clock,
    random: () => 0.5, // no jitter: delays are exactly 2 s, 4 s, 8 s …
    connect: (lastEventId, h) => {
      const c = { lastEventId, h, closed: false };
      connects.push(c);
      return { close: () => void (c.closed = true) };
    },
    onState: (s) => states.push(s),
    onMessage: (e, d, id) => messages.push([e, d, id]),
  });
  const last = () => connects[connects.length - 1]!;
  return { clock, states, messages, connects, stream, last };
}

describe('ReconnectingStream', () => {
  it('connects, relays messages and tracks the last event id', () => {
    const { stream, states, messages, last } = harness();
    stream.start();
    expect(states.at(-1)).toEqual({ status: 'reconnecting', attempt: 0, retryAt: null });
    expect(last().lastEventId).toBeNull();
    last().h.open();
    expect(states.at(-1)?.status).toBe('connected');
    last().h.message('tools', '{"a":1}', '7');
    last().h.message('rollup', '{}', null);
    expect(messages).toEqual([
      ['tools', '{"a":1}', '7'],
      ['rollup', '{}', null],
    ]);
    expect(stream.lastEventId).toBe('7');
  });

  it('reconnects after a drop with backoff and resumes after the last id', () => {
    const { stream, states, connects, clock, last } = harness();
    stream.start();
    last().h.open();
    last().h.message('tools', '{}', '41');
    last().h.fail({ kind: 'network', message: 'the connection dropped' });
    expect(connects[0]!.closed).toBe(true);
    expect(states.at(-1)).toEqual({ status: 'reconnecting', attempt: 1, retryAt: clock.t + 2000, reason: 'the connection dropped' });
    clock.advance(1999);
    expect(connects).toHaveLength(1);
    clock.advance(1);
    expect(connects).toHaveLength(2);
    expect(last().lastEventId).toBe('41');
    // The next failure without an open doubles the delay; an open resets it.
    last().h.fail({ kind: 'network', message: 'ECONNREFUSED' });
    expect(states.at(-1)).toMatchObject({ attempt: 2, retryAt: clock.t + 4000 });
    clock.advance(4000);
    last().h.open();
    last().h.fail({ kind: 'http', status: 502 });
    expect(states.at(-1)).toMatchObject({ status: 'reconnecting', attempt: 1, retryAt: clock.t + 2000, reason: 'the service answered HTTP 502' });
  });

  it('caps the delay', () => {
    const { stream, states, clock, last } = harness();
    stream.start();
    for (let i = 0; i < 12; i++) {
      last().h.fail({ kind: 'network', message: 'down' });
      const s = states.at(-1);
      if (s?.status !== 'reconnecting' || s.retryAt === null) throw new Error('expected a pending reconnect');
      expect(s.retryAt - clock.t).toBeLessThanOrEqual(30_000);
      clock.advance(s.retryAt - clock.t);
    }
    expect(states.at(-1)).toMatchObject({ status: 'reconnecting', attempt: 12, retryAt: null });
  });

  it.each([401, 403] as const)('stops on %i: only a new token helps', (status) => {
    const { stream, states, connects, clock, last } = harness();
    stream.start();
    last().h.fail({ kind: 'http', status });
    expect(states.at(-1)).toMatchObject({ status: 'unauthorised', httpStatus: status });
    clock.advance(60_000);
    expect(connects).toHaveLength(1);
    stream.start(); // e.g. after "Set Admin Token"
    expect(connects).toHaveLength(2);
  });

  it('retryNow skips the countdown; stop goes off and ignores late callbacks', () => {
    const { stream, states, connects, clock, last, messages } = harness();
    stream.start();
    const first = last();
    first.h.fail({ kind: 'network', message: 'down' });
    stream.retryNow();
    expect(connects).toHaveLength(2);
    clock.advance(10_000);
    expect(connects).toHaveLength(2); // the countdown's timer was cleared
    first.h.message('tools', '{}', '1'); // a callback of the closed connection
    expect(messages).toHaveLength(0);
    stream.stop();
    expect(states.at(-1)).toEqual({ status: 'off' });
    last().h.open();
    expect(states.at(-1)).toEqual({ status: 'off' });
  });

  it('describes each state in words', () => {
    expect(describeConnection({ status: 'reconnecting', attempt: 3, retryAt: 5000 }, 1200)).toBe('Reconnecting in 4 s (attempt 3)');
    expect(describeConnection({ status: 'reconnecting', attempt: 0, retryAt: null }, 0)).toBe('Connecting…');
    expect(describeConnection({ status: 'unauthorised', httpStatus: 403, reason: 'x' }, 0)).toMatch(/analytics:read/);
  });
});
