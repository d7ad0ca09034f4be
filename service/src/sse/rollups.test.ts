// Live rollups with a controlled clock: windows aligned to the interval, per-type stats, and a latency
// spike turned into an `anomaly` once the window has history.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnomalyPayload, NormalizedEvent, RollupPayload } from '../../../shared/src/events';
import { toStored } from '../store/types';
import { LiveRollups } from './rollups';

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000_500 });
});
afterEach(() => {
  vi.useRealTimers();
});

let seq = 0;
const batch = (events: NormalizedEvent[]) => events.map((e) => toStored(++seq, e));
const tool = (durationMs: number, status: 'ok' | 'error' = 'ok'): NormalizedEvent => ({ type: 'tools', ts: Date.now(), tool: 't', status, durationMs });

describe('LiveRollups', () => {
  it('emits one rollup per aligned interval with count, error rate, percentiles and cost', () => {
    const rollups = new LiveRollups(3, Date.now);
    const got: RollupPayload[] = [];
    const stop = rollups.subscribe(1000, (r) => got.push(r));
    rollups.add(batch([tool(10), tool(20), tool(30, 'error'), tool(40), { type: 'costs', ts: Date.now(), amountUsd: 0.25 }, { type: 'costs', ts: Date.now(), amountUsd: 0.5 }]));
    vi.advanceTimersByTime(500); // to the boundary at 1_000_001_000
    expect(got).toHaveLength(1);
    expect(got[0]).toEqual({
      from: 1_000_000_000,
      to: 1_000_001_000,
      intervalMs: 1000,
      types: {
        tools: { count: 4, errorRate: 0.25, p50: 25, p95: 38.5, p99: 39.7, costUsd: 0 },
        costs: { count: 2, errorRate: null, p50: null, p95: null, p99: null, costUsd: 0.75 },
      },
    });
    vi.advanceTimersByTime(1000);
    expect(got[1]).toMatchObject({ from: 1_000_001_000, to: 1_000_002_000, types: {} });
    stop();
    vi.advanceTimersByTime(5000);
    expect(got).toHaveLength(2); // no subscriber, no timer
  });

  it('reports a p95 spike as an anomaly', () => {
    const rollups = new LiveRollups(3, Date.now);
    const anomalies: AnomalyPayload[] = [];
    rollups.subscribe(1000, (_r, a) => anomalies.push(...a));
    for (let i = 0; i < 15; i++) {
      rollups.add(batch([tool(100 + (i % 3)), tool(101), tool(99 + (i % 2))]));
      vi.advanceTimersByTime(1000);
    }
    expect(anomalies.filter((a) => a.metric === 'p95')).toEqual([]);
    rollups.add(batch([tool(900), tool(950), tool(1000)]));
    vi.advanceTimersByTime(1000);
    expect(anomalies).toContainEqual(expect.objectContaining({ type: 'tools', metric: 'p95', threshold: 3 }));
    rollups.stop();
  });
});
