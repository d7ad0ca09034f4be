// Trend of a series (DSL `analysis: ["trend"]`): smooth the non-empty values with a trailing moving
// average of `window` values (default 5, fewer when the series is shorter), then
// - percentChange: last moving average against the first, in percent (null when the first is 0);
// - slopePerBucket: least-squares slope of the moving average against the bucket index;
// - direction: `flat` when the change is under 5 % (or both ends are 0), else `up` or `down`.
import type { Trend } from '../../../shared/src/query';

export const FLAT_PERCENT = 5;

export function trendOf(values: readonly (number | null)[], window: number): Trend {
  const pts: { x: number; y: number }[] = [];
  values.forEach((v, x) => {
    if (v !== null) pts.push({ x, y: v });
  });
  if (pts.length === 0) return { direction: 'flat', percentChange: null, slopePerBucket: 0 };
  const w = Math.max(1, Math.min(window, pts.length));
  const ma: { x: number; y: number }[] = [];
  let sum = 0;
  for (let i = 0; i < pts.length; i++) {
    sum += (pts[i] as { y: number }).y;
    if (i >= w) sum -= (pts[i - w] as { y: number }).y;
    if (i >= w - 1) ma.push({ x: (pts[i] as { x: number }).x, y: sum / w });
  }
  const first = (ma[0] as { y: number }).y;
  const last = (ma[ma.length - 1] as { y: number }).y;
  const percentChange = first === 0 ? null : ((last - first) / Math.abs(first)) * 100;
  let slope = 0;
  if (ma.length >= 2) {
    const mx = ma.reduce((a, p) => a + p.x, 0) / ma.length;
    const my = ma.reduce((a, p) => a + p.y, 0) / ma.length;
    let num = 0;
    let den = 0;
    for (const p of ma) {
      num += (p.x - mx) * (p.y - my);
      den += (p.x - mx) * (p.x - mx);
    }
    slope = den === 0 ? 0 : num / den;
  }
  let direction: Trend['direction'];
  if (percentChange === null) direction = last > first ? 'up' : last < first ? 'down' : 'flat';
  else direction = Math.abs(percentChange) < FLAT_PERCENT ? 'flat' : percentChange > 0 ? 'up' : 'down';
  return { direction, percentChange, slopePerBucket: slope };
}
