import { describe, expect, it } from 'vitest';
import { groupBySlot, hashedPart, keySlot } from './slots';

describe('keySlot', () => {
  // Reference values from Redis' own documentation and `CLUSTER KEYSLOT`.
  it.each([
    ['123456789', 12739],
    ['foo', 12182],
    ['somekey', 11058],
    ['{user1000}.following', 3443],
    ['{user1000}.followers', 3443],
  ])('%s → %d', (key, slot) => expect(keySlot(key)).toBe(slot));

  it('hashes the first non-empty {tag} only', () => {
    expect(hashedPart('a{b}c{d}')).toBe('b');
    expect(hashedPart('a{}b{c}')).toBe('a{}b{c}');
    expect(hashedPart('a{b')).toBe('a{b');
  });

  it('groups keys that share a slot', () => {
    expect(groupBySlot(['{x}1', 'foo', '{x}2'])).toEqual([[0, 2], [1]]);
  });
});
