import { describe, expect, it } from 'vitest';
import type { RollupPayload } from '../../../shared/src/events';
import { LiveAnomalyDetector } from './live-anomalies';

const rollup = (i: number, p95: number, count = 100): RollupPayload => ({
  from: i * 1000,
  to: (i + 1) * 1000,
  intervalMs: 1000,
  types: { tools: { count, errorRate: 0.01, p50: p95 / 2, p95, p99: p95 * 1.2, costUsd: 0 } },
});

describe('LiveAnomalyDetector', () => {
  it('emits an anomaly when a rollup value leaves its moving window', () => {
    const d = new LiveAnomalyDetector(3);
    const noise = [100, 104, 98, 101, 99, 103, 97, 100, 102, 99, 101, 100];
    for (let i = 0; i < noise.length; i++) {
      expect(d.observe(rollup(i, noise[i] as number)).filter((a) => a.type === 'tools')).toEqual([]);
    }
    const hits = d.observe(rollup(noise.length, 400));
    expect(hits).toEqual([expect.objectContaining({ type: 'tools', metric: 'p95', value: 400, threshold: 3, from: 12_000, to: 13_000 })]);
    expect(hits[0]?.z).toBeGreaterThan(3);
  });
});
