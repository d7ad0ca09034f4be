import { describe, expect, it } from 'vitest';
import { AnswerCache } from './cache';

describe('AnswerCache', () => {
  it('answers until the deadline and not after', () => {
    const c = new AnswerCache(10);
    c.set('a', { revoked: false, until: 1000 });
    expect(c.get('a', 999)).toEqual({ revoked: false, until: 1000 });
    expect(c.get('a', 1000)).toBeUndefined();
    expect(c.has('a')).toBe(false);
  });

  it('never holds more than maxEntries and keeps recently used entries', () => {
    const c = new AnswerCache(100);
    c.set('hot', { revoked: true, until: Infinity });
    for (let i = 0; i < 10_000; i++) {
      c.set(`k${i}`, { revoked: false, until: Infinity });
      if (i % 10 === 0) expect(c.get('hot', 0)?.revoked).toBe(true); // used often: survives
      expect(c.size).toBeLessThanOrEqual(100);
    }
    expect(c.get('k0', 0)).toBeUndefined(); // used once, long ago: evicted
    expect(c.get('k9999', 0)).toBeDefined();
  });

  it('clear drops everything', () => {
    const c = new AnswerCache(4);
    c.set('a', { revoked: false, until: Infinity });
    c.clear();
    expect(c.size).toBe(0);
  });
});
