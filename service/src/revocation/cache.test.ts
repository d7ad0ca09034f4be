import { describe, expect, it } from 'vitest';
import { ALLOWED, AnswerCache, MISS, REVOKED } from './cache';

const T0 = 1_700_000_000_000;

describe('AnswerCache', () => {
  it('answers until the deadline and not after', () => {
    const c = new AnswerCache(10, T0);
    c.set('a', false, T0 + 1000, T0);
    c.set('r', true, T0 + 5000, T0);
    expect(c.get('a', T0 + 999)).toBe(ALLOWED);
    expect(c.get('r', T0 + 999)).toBe(REVOKED);
    expect(c.get('a', T0 + 1000)).toBe(MISS);
    expect(c.has('a')).toBe(false);
    expect(c.get('r', T0 + 5000)).toBe(MISS);
  });

  it('never holds more than maxEntries and keeps recently used entries', () => {
    const c = new AnswerCache(100, T0);
    c.set('hot', true, T0 + 1e6, T0);
    for (let i = 0; i < 10_000; i++) {
      c.set(`k${i}`, false, T0 + 1e6, T0);
      if (i % 10 === 0) expect(c.get('hot', T0)).toBe(REVOKED); // used often: survives
      expect(c.size).toBeLessThanOrEqual(100);
    }
    expect(c.get('k0', T0)).toBe(MISS); // used once, long ago: evicted
    expect(c.get('k9999', T0)).toBe(ALLOWED);
  });

  it('cuts deadlines past ~12 days short (re-asked), and starts afresh after ~6 days', () => {
    const c = new AnswerCache(10, T0);
    const day = 86_400_000;
    c.set('r', true, T0 + 365 * day, T0);
    expect(c.get('r', T0 + 12 * day)).toBe(REVOKED);
    expect(c.get('r', T0 + 13 * day)).toBe(MISS);
    const later = T0 + 7 * day;
    c.set('x', false, later + 1000, later); // rebases: older entries dropped
    expect(c.size).toBe(1);
    expect(c.get('x', later + 999)).toBe(ALLOWED);
    expect(c.get('x', later + 1000)).toBe(MISS);
  });

  it('clear drops everything', () => {
    const c = new AnswerCache(4, T0);
    c.set('a', false, T0 + 10, T0);
    c.clear();
    expect(c.size).toBe(0);
  });
});
