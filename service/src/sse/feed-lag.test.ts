// A client that moves to an instance whose feed is behind Redis (its XREAD lags): its Last-Event-ID
// is beyond this feed but not beyond the store. It must get neither a reset nor the events up to its
// id a second time; an id beyond the store is still `ahead`.
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { MetricsRegistry } from '../metrics/registry';
import { toStored, type StoredEvent } from '../store/types';
import { LiveFeed } from './feed';
import { SseHub } from './hub';
import { LiveRollups } from './rollups';

/** The parts of a ServerResponse the SSE client uses, recording what is written. */
class FakeResponse extends EventEmitter {
  written = '';
  writableLength = 0;
  destroyed = false;
  write(chunk: string): boolean {
    this.written += chunk;
    return true;
  }
  end(chunk?: string): void {
    if (chunk) this.written += chunk;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

const ev = (seq: number): StoredEvent => toStored(seq, { type: 'costs', ts: seq, amountUsd: seq });
const range = (from: number, to: number): StoredEvent[] => Array.from({ length: to - from + 1 }, (_, i) => ev(from + i));
const ids = (text: string): number[] => [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));

function setup(): { feed: LiveFeed; hub: SseHub; connect: (lastEventId: string, storeLatest: number | null) => FakeResponse } {
  const metrics = new MetricsRegistry();
  const rollups = new LiveRollups(3);
  const hub = new SseHub({ pingMs: 3_600_000, backlogLimitBytes: 1 << 20, clientsGauge: metrics.gauge('g', 'g'), disconnects: metrics.counter('d', 'd', ['reason']), rollups });
  const feed = new LiveFeed(100, hub, rollups);
  return {
    feed,
    hub,
    connect: (lastEventId, storeLatest) => {
      const res = new FakeResponse();
      const start = feed.catchUp(lastEventId, () => true, storeLatest);
      res.write(start.frames);
      hub.add(res as unknown as ServerResponse, { types: null, rollupMs: null, skipThrough: start.skipThrough });
      return res;
    },
  };
}

describe('Last-Event-ID beyond this instance but not beyond the store', () => {
  it('no reset, no duplicate: the live events up to the id are skipped for that client only', () => {
    const { feed, connect, hub } = setup();
    feed.onEvents(range(1, 10));
    expect(feed.isAhead('12')).toBe(true);
    const moved = connect('12', 15);
    const fresh = connect('10', 15);
    feed.onEvents(range(11, 13)); // one batch across the id
    feed.onEvents(range(14, 15));
    expect(moved.written).not.toContain('event: reset');
    expect(ids(moved.written)).toEqual([13, 14, 15]);
    expect(ids(fresh.written)).toEqual([11, 12, 13, 14, 15]);
    hub.closeAll('end');
  });

  it('a whole batch at or below the id is skipped', () => {
    const { feed, connect, hub } = setup();
    feed.onEvents(range(1, 5));
    const moved = connect('9', 12);
    feed.onEvents(range(6, 9));
    feed.onEvents(range(10, 12));
    expect(ids(moved.written)).toEqual([10, 11, 12]);
    hub.closeAll('end');
  });

  it('an id beyond the store (or with the store unknown) is still a reset, reason ahead', () => {
    const { feed, connect, hub } = setup();
    feed.onEvents(range(1, 5));
    for (const storeLatest of [8, null]) {
      const c = connect('9', storeLatest);
      expect(c.written).toContain('event: reset');
      expect(c.written).toContain('"reason":"ahead"');
    }
    hub.closeAll('end');
  });
});
