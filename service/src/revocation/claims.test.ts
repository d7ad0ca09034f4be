import { describe, expect, it } from 'vitest';
import { cacheKey, decide, revokedUntil } from './claims';

const none = { jtiRevoked: false, subNotBefore: null, toolNotBefore: null };

describe('decide', () => {
  it('a revoked jti is revoked whatever else', () => {
    expect(decide({ jti: 'j', iat: 2e9 }, { ...none, jtiRevoked: true })).toBe(true);
  });
  it('no entry: allowed', () => {
    expect(decide({ jti: 'j', iat: 1 }, none)).toBe(false);
  });
  it('revoke-all applies to tokens issued before it, by subject or tool, the later entry winning', () => {
    const nb = 1_700_000_000_500; // 500 ms into a second
    expect(decide({ iat: 1_699_999_999 }, { ...none, subNotBefore: nb })).toBe(true);
    expect(decide({ iat: 1_700_000_001 }, { ...none, subNotBefore: nb })).toBe(false);
    expect(decide({ iat: 1_700_000_001 }, { ...none, subNotBefore: 1, toolNotBefore: nb + 1000 })).toBe(true);
  });
  it('same second as the revoke-all, or no iat: revoked (the safe side)', () => {
    expect(decide({ iat: 1_700_000_000 }, { ...none, toolNotBefore: 1_700_000_000_500 })).toBe(true);
    expect(decide({ sub: 's' }, { ...none, subNotBefore: 1 })).toBe(true);
  });
});

describe('cacheKey', () => {
  it('is the jti, else a NUL-prefixed sub/tool/iat key, else none', () => {
    expect(cacheKey({ jti: 'abc', sub: 's' })).toBe('abc');
    expect(cacheKey({ sub: 's', iat: 5 })).toBe('\u0000s\u0000\u00005');
    expect(cacheKey({ iat: 5 })).toBeNull();
  });
});

describe('revokedUntil', () => {
  it('is exp + 5 min, or the TTL without exp', () => {
    expect(revokedUntil({ exp: 1000 }, 0, 60_000)).toBe(1_000_000 + 300_000);
    expect(revokedUntil({}, 5, 60_000)).toBe(60_005);
  });
});
