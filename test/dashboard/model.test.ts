// The page's model without a browser: bounded buffers, the sliding window, the figures.
import { describe, expect, it } from 'vitest';
import type { RollupPayload } from '../../shared/src/events';
import { DashboardModel, WINDOW_S } from '../../client/webview/model/dashboard-model';
import { Ring } from '../../client/webview/model/ring';
import { SecondSeries } from '../../client/webview/model/series';

const T0 = 1_700_000_000_000;

function rollup(sec: number, types: RollupPayload['types']): RollupPayload {
  return { from: sec * 1000, to: sec * 1000 + 1000, intervalMs: 1000, types };
}
const stats = (count: number, extra: Partial<{ errorRate: number | null; p50: number; p95: number; p99: number; costUsd: number }> = {}) => ({
  count,
  errorRate: extra.errorRate ?? 0,
  p50: extra.p50 ?? null,
  p95: extra.p95 ?? null,
  p99: extra.p99 ?? null,
  costUsd: extra.costUsd ?? 0,
});

describe('Ring', () => {
  it('keeps at most its capacity, newest first', () => {
    const r = new Ring<number>(3);
    for (let i = 1; i <= 5; i++) r.push(i);
    expect(r.size).toBe(3);
    expect(r.newest()).toEqual([5, 4, 3]);
    expect(r.newest(2)).toEqual([5, 4]);
  });
});

describe('SecondSeries', () => {
  it('slides in place and drops what leaves the window', () => {
    const s = new SecondSeries(4, ['a'], 100);
    const xs = s.x;
    const col = s.col('a');
    expect(s.x).toEqual([97, 98, 99, 100]);
    s.set('a', 99, 1);
    s.set('a', 102, 2); // slides by 2
    expect(s.x).toEqual([99, 100, 101, 102]);
    expect(s.col('a')).toEqual([1, null, null, 2]);
    expect(s.set('a', 98, 5)).toBe(false);
    s.advanceTo(1000);
    expect(s.col('a')).toEqual([null, null, null, null]);
    expect(s.x).toBe(xs); // same arrays: nothing allocated per second
    expect(s.col('a')).toBe(col);
  });
});

describe('DashboardModel', () => {
  it('charts rollups and derives the key figures', () => {
    const m = new DashboardModel(T0);
    const sec = Math.floor(T0 / 1000);
    for (let i = 0; i < 10; i++) {
      m.apply(
        {
          kind: 'rollup',
          rollup: rollup(sec - 10 + i, {
            tools: stats(10, { errorRate: i === 9 ? 0.5 : 0, p50: 10, p95: 90 + i, p99: 200 }),
            costs: stats(2, { errorRate: null, costUsd: 0.5 }),
          }),
        },
        T0,
      );
    }
    m.tick(T0);
    const f = m.figures('tools');
    expect(f.eventsPerSecond).toBe(12);
    expect(f.latency).toEqual({ type: 'tools', p50: 10, p95: 99, p99: 200 });
    expect(f.toolsErrorRate).toBeCloseTo(5); // 5 failures out of 100 calls
    expect(f.costPerMinute).toBeCloseTo(5); // 10 s × 0.5 USD
    m.refreshDerived();
    expect(m.costPerMinute.filter((v) => v !== null)).toHaveLength(10);
    expect(m.figures('cache').latency).toEqual({ type: 'cache', p50: null, p95: null, p99: null });
  });

  it('counts raw events, anomalies and resets, and bounds the anomalies it keeps', () => {
    const m = new DashboardModel(T0);
    const v0 = m.figuresVersion;
    m.apply({ kind: 'event', event: { id: '9', type: 'errors', ts: T0, code: 'E1', message: 'm', severity: 'low' } }, T0);
    expect(m.figuresVersion).toBeGreaterThan(v0);
    const anomaly = { type: 'tools' as const, metric: 'p95' as const, value: 1, mean: 0, stddev: 0, z: null, threshold: 3, from: T0, to: T0 + 1000, intervalMs: 1000 };
    for (let i = 0; i < 250; i++) m.apply({ kind: 'anomaly', anomaly }, T0);
    m.apply({ kind: 'reset', reset: null }, T0);
    const f = m.figures('tools');
    expect(f).toMatchObject({ eventsReceived: 1, anomalies: 250, resets: 1, lastEventId: '9' });
    expect(f.perType.errors).toBe(1);
    expect(m.anomalies.size).toBe(200);
  });

  it('follows the server clock and ignores rollups older than the window', () => {
    const m = new DashboardModel(T0);
    const serverAhead = T0 + 5000; // the server's clock is 5 s ahead of ours
    m.apply({ kind: 'rollup', rollup: rollup(Math.floor(serverAhead / 1000) - 1, { tools: stats(1) }) }, T0);
    expect(m.axisEnd(T0)).toBe(Math.floor(serverAhead / 1000) - 1);
    const before = m.chartsVersion;
    m.apply({ kind: 'rollup', rollup: rollup(Math.floor(T0 / 1000) - WINDOW_S - 10, { tools: stats(1) }) }, T0);
    expect(m.chartsVersion).toBe(before);
  });
});
