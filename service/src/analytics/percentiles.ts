// Exact percentiles over the selected values, by linear interpolation between the closest ranks: numpy's
// default (`method="linear"`, Hyndman & Fan type 7). For sorted x[0..n-1] and p in (0, 100]:
//   h = (n - 1) * p / 100,  result = x[floor h] + (h - floor h) * (x[floor h + 1] - x[floor h]).
// p = 100 is the maximum; a single value is every percentile of itself; no value gives null.
//
// The DSL does not sort a group's values: it selects only the ranks its percentiles need (quickselect,
// in place, rank after rank), which is linear in the group size instead of n log n.

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

/** Sorts a copy and answers every requested percentile (live rollups: small arrays). */
export function percentiles(values: ArrayLike<number>, ps: readonly number[]): (number | null)[] {
  const sorted = Float64Array.from(values).sort();
  return ps.map((p) => percentileOfSorted(sorted, p));
}

function insertionSort(a: Float64Array, lo: number, hi: number): void {
  for (let i = lo + 1; i <= hi; i++) {
    const v = a[i] as number;
    let j = i - 1;
    while (j >= lo && (a[j] as number) > v) {
      a[j + 1] = a[j] as number;
      j--;
    }
    a[j + 1] = v;
  }
}

/** Rearranges a[lo..hi] so that a[k] is the value a sort would put there, smaller or equal ones before
 * it and greater or equal ones after it (Hoare's selection with a median-of-three pivot). */
export function selectInPlace(a: Float64Array, lo: number, hi: number, k: number): void {
  while (hi - lo > 16) {
    const mid = (lo + hi) >>> 1;
    // Median of three into a[mid], guarding against sorted or reversed input.
    if ((a[mid] as number) < (a[lo] as number)) swap(a, mid, lo);
    if ((a[hi] as number) < (a[lo] as number)) swap(a, hi, lo);
    if ((a[hi] as number) < (a[mid] as number)) swap(a, hi, mid);
    const pivot = a[mid] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return; // j < k < i: a[k] equals the pivot and is in place
  }
  insertionSort(a, lo, hi);
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i] as number;
  a[i] = a[j] as number;
  a[j] = t;
}

/** The percentiles `ps` of the values in a[from, to), computed by selecting only the needed ranks.
 * Reorders that part of `a`. */
export function percentilesInPlace(a: Float64Array, from: number, to: number, ps: readonly number[]): (number | null)[] {
  const n = to - from;
  if (n === 0) return ps.map(() => null);
  const wanted = new Set<number>();
  for (const p of ps) {
    const lo = Math.floor(((n - 1) * p) / 100);
    wanted.add(lo);
    if (lo + 1 < n) wanted.add(lo + 1);
  }
  const ranks = [...wanted].sort((x, y) => x - y);
  const at = new Map<number, number>();
  let left = from;
  for (const r of ranks) {
    // Everything before a selected rank is <= it, so the next (greater) rank lies to its right.
    selectInPlace(a, left, to - 1, from + r);
    at.set(r, a[from + r] as number);
    left = from + r + 1;
  }
  return ps.map((p) => {
    const h = ((n - 1) * p) / 100;
    const lo = Math.floor(h);
    const x = at.get(lo) as number;
    if (lo + 1 >= n) return x;
    return x + (h - lo) * ((at.get(lo + 1) as number) - x);
  });
}
