// Time series of a query with an interval: one series per group and aggregation, one point per bucket of
// the range (empty buckets: 0 for counts, sums and rates, null otherwise), with the requested analyses.
import { DEFAULT_ANOMALY_WINDOW, DEFAULT_TREND_WINDOW, type Query, type Row, type Series } from '../../../shared/src/query';
import { Accumulators, type AggPlan } from './aggregate';
import { findAnomalies } from './anomalies';
import { trendOf } from './trend';

export const MAX_SERIES_POINTS = 1_000_000;

export interface SeriesInput {
  q: Query;
  rows: readonly Row[];
  plan: AggPlan;
  nBuckets: number;
  firstBucket: number;
  interval: number;
  anomalyThreshold: number;
}

export function buildSeries(s: SeriesInput): Series[] {
  const { q, plan } = s;
  const byGroup = new Map<string, { group: Record<string, string | number | null>; values: (number | null)[][] }>();
  for (const row of s.rows) {
    const group: Record<string, string | number | null> = {};
    for (const f of q.groupBy) group[f] = row[f] ?? null;
    const key = JSON.stringify(q.groupBy.map((f) => group[f]));
    let entry = byGroup.get(key);
    if (!entry) {
      entry = { group, values: plan.aggs.map((a) => new Array<number | null>(s.nBuckets).fill(Accumulators.emptyValue(a))) };
      byGroup.set(key, entry);
    }
    const b = Math.round((row.bucket as number) / s.interval) - s.firstBucket;
    plan.aggs.forEach((a, k) => {
      ((entry as { values: (number | null)[][] }).values[k] as (number | null)[])[b] = row[a.alias] as number | null;
    });
  }

  let anomalies: { window: number; threshold: number } | null = null;
  let trend: { window: number } | null = null;
  for (const a of q.analysis) {
    if (a === 'anomalies') anomalies = { window: DEFAULT_ANOMALY_WINDOW, threshold: s.anomalyThreshold };
    else if (a === 'trend') trend = { window: DEFAULT_TREND_WINDOW };
    else if (a.kind === 'anomalies') anomalies = { window: a.window ?? DEFAULT_ANOMALY_WINDOW, threshold: a.threshold ?? s.anomalyThreshold };
    else trend = { window: a.window ?? DEFAULT_TREND_WINDOW };
  }

  const bucketAt = (b: number): number => (s.firstBucket + b) * s.interval;
  const out: Series[] = [];
  for (const { group, values } of byGroup.values()) {
    plan.aggs.forEach((a, k) => {
      const v = values[k] as (number | null)[];
      const series: Series = { group, metric: a.alias, points: v.map((value, b) => ({ bucket: bucketAt(b), value })) };
      if (anomalies) {
        series.anomalies = findAnomalies(v, anomalies.window, anomalies.threshold).map((h) => ({
          bucket: bucketAt(h.index),
          value: h.value,
          mean: h.mean,
          stddev: h.stddev,
          z: h.z,
        }));
      }
      if (trend) series.trend = trendOf(v, trend.window);
      out.push(series);
    });
  }
  return out;
}
