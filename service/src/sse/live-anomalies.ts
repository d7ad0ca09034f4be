// Live anomalies: each finished rollup's values (per type: count, error rate, p95, cost) are scored
// against the same values of the previous rollups (window 20, the DSL's default) with the DSL's rule
// (analytics/anomalies.ts), at the configured threshold (M1_ANOMALY_Z_THRESHOLD).
import { EVENT_TYPES, type AnomalyPayload, type RollupPayload } from '../../../shared/src/events';
import { DEFAULT_ANOMALY_WINDOW } from '../../../shared/src/query';
import { score } from '../analytics/anomalies';

const METRICS = ['count', 'errorRate', 'p95', 'costUsd'] as const;

export class LiveAnomalyDetector {
  private readonly history = new Map<string, number[]>();

  constructor(
    private readonly threshold: number,
    private readonly window = DEFAULT_ANOMALY_WINDOW,
  ) {}

  observe(r: RollupPayload): AnomalyPayload[] {
    const out: AnomalyPayload[] = [];
    for (const type of EVENT_TYPES) {
      const stats = r.types[type];
      for (const metric of METRICS) {
        // A type with no events in the interval counts 0 (a drop in traffic is news); other values are absent.
        const value = stats ? stats[metric] : metric === 'count' ? 0 : null;
        if (value === null) continue;
        const key = `${type}:${metric}`;
        const h = this.history.get(key) ?? [];
        const s = score(h, value, this.window, this.threshold);
        if (s) out.push({ type, metric, value, mean: s.mean, stddev: s.stddev, z: s.z, threshold: this.threshold, from: r.from, to: r.to, intervalMs: r.intervalMs });
        h.push(value);
        if (h.length > this.window) h.shift();
        this.history.set(key, h);
      }
    }
    return out;
  }
}
