// Anomalies and trend: fixed examples with known answers, and anomalies against a direct reference.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findAnomalies, minHistory } from './anomalies';
import { percentiles, percentilesInPlace } from './percentiles';
import { trendOf } from './trend';

describe('percentiles (linear interpolation, numpy default)', () => {
  it('matches numpy.percentile on known values', () => {
    // numpy.percentile([1, 2, 3, 4], [25, 50, 95, 100]) == [1.75, 2.5, 3.85, 4]
    const [a, b, c, d] = percentiles([4, 1, 3, 2], [25, 50, 95, 100]);
    expect(a).toBeCloseTo(1.75, 12);
    expect(b).toBeCloseTo(2.5, 12);
    expect(c).toBeCloseTo(3.85, 12);
    expect(d).toBe(4);
    expect(percentiles([], [50])).toEqual([null]);
    expect(percentiles([7], [0.1, 100])).toEqual([7, 7]);
  });
});

describe('percentilesInPlace (selection instead of a sort)', () => {
  it('equals sorting on random arrays with duplicates, for any set of p', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), { maxLength: 300 }),
        fc.array(fc.double({ min: 0.001, max: 100, noNaN: true }), { minLength: 1, maxLength: 5 }),
        fc.nat(5),
        (values, ps, pad) => {
          const a = new Float64Array([...Array<number>(pad).fill(1e9), ...values, ...Array<number>(pad).fill(-1e9)]);
          expect(percentilesInPlace(a, pad, pad + values.length, ps)).toEqual(percentiles(values, ps));
          expect([...a.subarray(0, pad), ...a.subarray(pad + values.length)]).toEqual([...Array<number>(pad).fill(1e9), ...Array<number>(pad).fill(-1e9)]);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('anomalies', () => {
  it('flags a spike after a noisy but stable history, in either direction', () => {
    const series = [10, 11, 9, 10, 12, 10, 9, 11, 10, 10, 50, 10, 11, -30];
    const hits = findAnomalies(series, 20, 3);
    expect(hits.map((h) => h.index)).toEqual([10, 13]);
    expect(hits[0]?.z).toBeGreaterThan(3);
    expect(hits[1]?.z).toBeLessThan(-3);
  });

  it('skips empty buckets, needs half a window of history, and flags a change of a constant series with z null', () => {
    expect(findAnomalies([5, null, 5, 100], 4, 3)).toEqual([{ index: 3, value: 100, mean: 5, stddev: 0, z: null }]);
    expect(findAnomalies([5, 100], 4, 3)).toEqual([]); // one value of history is not enough
    expect(findAnomalies([5, 5, 5, 5], 4, 3)).toEqual([]);
  });

  it('equals a direct reference on random series', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: -100, max: 100 }), { nil: null }), { maxLength: 80 }),
        fc.integer({ min: 2, max: 25 }),
        fc.double({ min: 0.5, max: 5, noNaN: true }),
        (series, window, threshold) => {
          const expected: number[] = [];
          series.forEach((v, i) => {
            if (v === null) return;
            const prior = series.slice(0, i).filter((x): x is number => x !== null).slice(-window);
            if (prior.length < minHistory(window)) return;
            const mean = prior.reduce((a, b) => a + b, 0) / prior.length;
            const sd = Math.sqrt(prior.reduce((a, b) => a + (b - mean) ** 2, 0) / prior.length);
            if (sd < 1e-9 ? Math.abs(v - mean) > 1e-9 : Math.abs((v - mean) / sd) >= threshold) expected.push(i);
          });
          expect(findAnomalies(series, window, threshold).map((h) => h.index)).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('trend', () => {
  it('reads up, down and flat with percent change and slope', () => {
    const up = trendOf([10, 12, 14, 16, 18, 20, 22], 3);
    expect(up.direction).toBe('up');
    expect(up.percentChange).toBeCloseTo(((20 - 12) / 12) * 100, 9); // MA(3): first (10+12+14)/3 = 12, last (18+20+22)/3 = 20
    expect(up.slopePerBucket).toBeCloseTo(2, 9);
    const down = trendOf([100, 90, 80, 70], 1);
    expect(down).toEqual({ direction: 'down', percentChange: -30, slopePerBucket: -10 });
    expect(trendOf([50, 51, 49, 50, 50.5], 2).direction).toBe('flat');
    expect(trendOf([null, null], 5)).toEqual({ direction: 'flat', percentChange: null, slopePerBucket: 0 });
    expect(trendOf([0, 0, 3], 1)).toMatchObject({ direction: 'up', percentChange: null });
  });
});
