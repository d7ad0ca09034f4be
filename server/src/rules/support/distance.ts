// Damerau-Levenshtein (optimal string alignment) distance with an upper bound: only the band
// |i - j| <= max is computed, the loop stops as soon as a row exceeds the bound, and the rows live
// in reused buffers, so comparing thousands of unknown keys with the catalog stays cheap.

let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

function buffers(n: number): Int32Array[] {
  if ((rows[0]?.length ?? 0) <= n) rows = [new Int32Array(n * 2), new Int32Array(n * 2), new Int32Array(n * 2)];
  return rows;
}

/** The distance when it is at most `max`, else `max + 1`. */
export function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const big = max + 1;
  const n = b.length;
  let [prev2, prev, cur] = buffers(n + 1) as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= n; j++) {
    prev[j] = j <= max ? j : big;
    prev2[j] = big;
  }
  for (let i = 1; i <= a.length; i++) {
    cur.fill(big, 0, n + 1);
    if (i <= max) cur[0] = i;
    const lo = Math.max(1, i - max);
    const hi = Math.min(n, i + max);
    let rowMin = cur[0] ?? big;
    const ai = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = Math.min((prev[j] ?? big) + 1, (cur[j - 1] ?? big) + 1, (prev[j - 1] ?? big) + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) d = Math.min(d, (prev2[j - 2] ?? big) + 1);
      if (d > big) d = big;
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return big;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[n] ?? big, big);
}

/** Candidates within `max`, closest first; ties keep the candidates' order. */
export function closest(word: string, candidates: readonly string[], max: number): string[] {
  return candidates
    .map((c, i) => ({ c, i, d: boundedDistance(word, c, max) }))
    .filter((x) => x.d <= max)
    .sort((x, y) => x.d - y.d || x.i - y.i)
    .map((x) => x.c);
}

/** Character profile of an upper-case key: counts per slot (A-Z, 0-9, _, anything else) and which slots occur. */
export interface CharProfile {
  counts: Int16Array;
  /** Bit k set when slot k occurs (slots 0-31 in `lo`, 32-37 in `hi`). */
  lo: number;
  hi: number;
}

function slot(c: number): number {
  if (c >= 65 && c <= 90) return c - 65;
  if (c >= 48 && c <= 57) return c - 48 + 26;
  return c === 95 ? 36 : 37;
}

/** Fills `into` (reused by callers that profile many keys) with the profile of `s`. */
export function charProfile(s: string, into: CharProfile = { counts: new Int16Array(38), lo: 0, hi: 0 }): CharProfile {
  into.counts.fill(0);
  into.lo = 0;
  into.hi = 0;
  for (let i = 0; i < s.length; i++) {
    const k = slot(s.charCodeAt(i));
    into.counts[k] = (into.counts[k] ?? 0) + 1;
    if (k < 32) into.lo |= 1 << k;
    else into.hi |= 1 << (k - 32);
  }
  return into;
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * Cheap lower bounds, so that most catalog keys are ruled out before the distance is computed: one
 * edit changes the character counts by at most 2 (a transposition by 0) and so makes at most 2
 * characters appear or disappear.
 */
export function profilesWithin(a: CharProfile, b: CharProfile, max: number): boolean {
  if (popcount(a.lo ^ b.lo) + popcount(a.hi ^ b.hi) > 2 * max) return false;
  let diff = 0;
  for (let k = 0; k < a.counts.length; k++) {
    diff += Math.abs((a.counts[k] ?? 0) - (b.counts[k] ?? 0));
    if (diff > 2 * max) return false;
  }
  return true;
}
