// Exact percentiles over the selected values, by linear interpolation between the closest ranks: numpy's
// default (`method="linear"`, Hyndman & Fan type 7). For sorted x[0..n-1] and p in (0, 100]:
//   h = (n - 1) * p / 100,  result = x[floor h] + (h - floor h) * (x[floor h + 1] - x[floor h]).
// p = 100 is the maximum; a single value is every percentile of itself; no value gives null.

/** `sorted` ascending, no NaN. */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const h = ((n - 1) * p) / 100;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  if (lo + 1 >= n) return a;
  const b = sorted[lo + 1] as number;
  return a + (h - lo) * (b - a);
}

/** Sorts a copy and answers every requested percentile. */
export function percentiles(values: ArrayLike<number>, ps: readonly number[]): (number | null)[] {
  const sorted = Float64Array.from(values).sort();
  return ps.map((p) => percentileOfSorted(sorted, p));
}
