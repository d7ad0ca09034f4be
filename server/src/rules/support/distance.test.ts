import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { boundedDistance, charProfile, closest, profilesWithin } from './distance';

describe('boundedDistance', () => {
  it.each([
    ['PORT', 'PORT', 0], ['PORT', 'PROT', 1], ['PORT', 'PORTS', 1], ['PORT', 'POT', 1], ['PORT', 'PART', 1],
    ['CA', 'ABC', 3], ['JWT_SECRET', 'JWT_SERCET', 1], ['abcdef', 'badcfe', 3],
  ])('%s vs %s = %i (capped at 3)', (a, b, d) => {
    expect(boundedDistance(a, b, 3)).toBe(Math.min(d, 4));
    expect(boundedDistance(b, a, 3)).toBe(Math.min(d, 4));
  });
  it('returns max + 1 beyond the bound, also for very different lengths', () => {
    expect(boundedDistance('HOME', 'HOST', 1)).toBe(2);
    expect(boundedDistance('A', 'ABCDEFG', 2)).toBe(3);
    expect(boundedDistance('XXXXXXXXXX', 'YYYYYYYYYY', 2)).toBe(3);
  });
  it('agrees with an unbounded computation when the bound is large', () => {
    expect(boundedDistance('kitten', 'sitting', 100)).toBe(3);
    expect(boundedDistance('', 'abc', 100)).toBe(3);
  });
});

describe('closest', () => {
  it('sorts by distance and keeps the given order for ties', () => {
    expect(closest('tset', ['best', 'test', 'rest'], 2)).toEqual(['test', 'best', 'rest']);
  });
});

describe('profilesWithin', () => {
  it('never rules out a pair within the distance (it is a lower bound)', () => {
    const key = fc.string({ unit: fc.constantFrom(...'ABCDE_1'), maxLength: 10 });
    fc.assert(
      fc.property(key, key, fc.integer({ min: 0, max: 3 }), (a, b, max) => {
        if (boundedDistance(a, b, max) <= max) expect(profilesWithin(charProfile(a), charProfile(b), max)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
  it('rules out keys with different letters', () => {
    expect(profilesWithin(charProfile('FEATURE_1_ENABLED'), charProfile('REDIS_KEY_PREFIX'), 2)).toBe(false);
    expect(profilesWithin(charProfile('REDIS_URL'), charProfile('REDSI_URL'), 1)).toBe(true);
  });
});
