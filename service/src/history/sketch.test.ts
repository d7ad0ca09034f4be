// The quantile sketch: within its relative accuracy of the exact (interpolated) percentile on skewed
// data, mergeable (two halves merged answer as the whole), and the same after encode/decode.
import { describe, expect, it } from 'vitest';
import { percentiles } from '../analytics/percentiles';
import { QuantileSketch, RELATIVE_ACCURACY } from './sketch';

function lognormal(n: number, seed: number): number[] {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) + 0.5) / 2147483648;
  return Array.from({ length: n }, () => Math.exp(3 + 1.5 * Math.sqrt(-2 * Math.log(rnd())) * Math.cos(2 * Math.PI * rnd())));
}

describe('QuantileSketch', () => {
  const ps = [1, 10, 50, 90, 95, 99, 99.9, 100];

  it('answers every percentile within the relative accuracy, merged and round-tripped', () => {
    const values = [...lognormal(50_000, 7), 0, 0, 0];
    const exact = percentiles(values, ps);
    const a = new QuantileSketch();
    const b = new QuantileSketch();
    values.forEach((v, i) => (i % 2 ? a : b).add(v));
    a.merge(b);
    const decoded = QuantileSketch.decode(a.encode());
    expect(decoded.count).toBe(values.length);
    ps.forEach((p, k) => {
      const want = exact[k] as number;
      for (const s of [a, decoded]) {
        const got = s.percentile(p) as number;
        expect(Math.abs(got - want)).toBeLessThanOrEqual(RELATIVE_ACCURACY * want + 1e-12);
      }
    });
    expect(a.encode().length).toBeLessThan(4000);
  });

  it('counts zeros exactly and answers null when empty', () => {
    const s = new QuantileSketch();
    expect(s.percentile(50)).toBeNull();
    s.add(0, 3);
    s.add(10);
    expect(s.percentile(50)).toBe(0);
    expect(Math.abs((s.percentile(100) as number) - 10)).toBeLessThanOrEqual(10 * RELATIVE_ACCURACY);
  });
});
