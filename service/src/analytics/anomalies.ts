// Anomalies in a series (DSL `analysis: ["anomalies"]`, and the live stream's `anomaly` events): a value
// whose z-score against the mean and population standard deviation of the previous `window` values
// reaches the threshold in either direction.
// - Empty buckets (null) are skipped: they neither get a score nor count towards a window.
// - A score needs at least half a window of history (ceil(window / 2), and at least 2 values), so the
//   first buckets of a series are not flagged against two or three noisy points.
// - A constant window (stddev 0) flags any different value, with `z: null` (infinite).

export interface AnomalyHit {
  index: number;
  value: number;
  mean: number;
  stddev: number;
  z: number | null;
}

export function minHistory(window: number): number {
  return Math.max(2, Math.ceil(window / 2));
}

/** Mean and population stddev of `values`. */
export function meanStd(values: readonly number[]): { mean: number; stddev: number } {
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let ss = 0;
  for (const v of values) ss += (v - mean) * (v - mean);
  return { mean, stddev: Math.sqrt(ss / values.length) };
}

/** Scores `value` against `history` (the previous values, oldest first, at most `window` used). */
export function score(history: readonly number[], value: number, window: number, threshold: number): Omit<AnomalyHit, 'index'> | null {
  const w = history.slice(-window);
  if (w.length < minHistory(window)) return null;
  const { mean, stddev } = meanStd(w);
  // Relative tolerance: a window of identical floats can have a stddev of 1e-17 from rounding alone.
  if (stddev <= Math.abs(mean) * 1e-12) {
    return Math.abs(value - mean) > Math.abs(mean) * 1e-12 ? { value, mean, stddev: 0, z: null } : null;
  }
  const z = (value - mean) / stddev;
  return Math.abs(z) >= threshold ? { value, mean, stddev, z } : null;
}

export function findAnomalies(values: readonly (number | null)[], window: number, threshold: number): AnomalyHit[] {
  const hits: AnomalyHit[] = [];
  const history: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    const s = score(history, v, window, threshold);
    if (s) hits.push({ index: i, ...s });
    history.push(v);
    if (history.length > window) history.shift();
  }
  return hits;
}
