// Damerau-Levenshtein (optimal string alignment) distance with an upper bound: only the band
// |i - j| <= max is computed and the loop stops as soon as a row exceeds the bound, so comparing
// an unknown key with the whole catalog stays cheap on 10,000-line files.

/** The distance when it is at most `max`, else `max + 1`. */
export function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const big = max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(big);
  let prev = Array.from({ length: n + 1 }, (_, j) => (j <= max ? j : big));
  let cur = new Array<number>(n + 1).fill(big);
  for (let i = 1; i <= a.length; i++) {
    cur.fill(big);
    if (i <= max) cur[0] = i;
    const lo = Math.max(1, i - max);
    const hi = Math.min(n, i + max);
    let rowMin = cur[0] ?? big;
    for (let j = lo; j <= hi; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min((prev[j] ?? big) + 1, (cur[j - 1] ?? big) + 1, (prev[j - 1] ?? big) + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        d = Math.min(d, (prev2[j - 2] ?? big) + 1);
      }
      cur[j] = Math.min(d, big);
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
