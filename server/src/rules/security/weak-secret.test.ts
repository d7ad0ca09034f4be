import { describe, expect, it } from 'vitest';
import { estimateStrength } from '../support/secrets';
import { runRule } from '../testing';
import { weakSecret } from './weak-secret';

const HEX64 = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
const HEX32 = HEX64.slice(0, 32);
const B64_43 = 'Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5';

describe('weak-secret', () => {
  it('accepts 32+ bytes with 256+ bits of estimated strength', () => {
    expect(runRule(weakSecret, `JWT_SECRET=${HEX64}\nM1_ADMIN_JWT_SECRET=${B64_43}`)).toEqual([]);
  });

  it('reports under 32 bytes as an error in development and critical in production', () => {
    const dev = runRule(weakSecret, 'JWT_SECRET=Sh0rt-but-random!');
    expect(dev[0]).toMatchObject({ rule: 'weak-secret', level: 'error', key: 'JWT_SECRET' });
    expect(dev[0]?.message).toBe(
      'JWT_SECRET is only 17 bytes long; HMAC signing needs at least 32 bytes, or the secret can be brute-forced. Generate a new one (48 random bytes, e.g. `openssl rand -base64 48`).',
    );
    const prod = runRule(weakSecret, 'JWT_SECRET=Sh0rt-but-random!', { profile: 'production' });
    expect(prod[0]?.level).toBe('critical');
    expect(prod[0]?.message.startsWith('Critical: JWT_SECRET is only 17 bytes')).toBe(true);
  });

  it('warns about 32 bytes of hex: 128 bits of estimated strength', () => {
    const [f] = runRule(weakSecret, `M1_ADMIN_JWT_SECRET=${HEX32}`, { profile: 'production' });
    expect(f).toMatchObject({ level: 'warning', key: 'M1_ADMIN_JWT_SECRET' });
    expect(f?.message).toContain('about 128 bits of estimated strength (32 characters from the hex alphabet)');
    expect(f?.fixes[0]?.safe).toBe(false);
  });

  it('counts bytes, not characters, for the 32-byte rule', () => {
    expect(runRule(weakSecret, `JWT_SECRET=${'éa'.repeat(11)}`)[0]?.level).toBe('warning'); // 22 characters but 33 bytes
  });

  it('leaves placeholders to placeholder-secret', () => {
    expect(runRule(weakSecret, 'JWT_SECRET=changeme')).toEqual([]);
  });
});

describe('weak-secret and the Redis passwords', () => {
  it('leaves REDIS_PASSWORD and REDIS_SENTINEL_PASSWORD alone (not HMAC keys: a 16-character managed-Redis token is fine)', () => {
    expect(runRule(weakSecret, 'REDIS_PASSWORD=abcdefgh12345678\nREDIS_SENTINEL_PASSWORD=short\n', { profile: 'production' })).toEqual([]);
  });
});

describe('estimateStrength', () => {
  it('uses the smallest usual alphabet covering the value', () => {
    expect(estimateStrength('0123456789')).toEqual({ bits: 33, alphabet: 'digits', length: 10 });
    expect(estimateStrength('deadbeef')).toMatchObject({ bits: 32, alphabet: 'hex' });
    expect(estimateStrength('abcxyz')).toMatchObject({ alphabet: 'lower-case letters', bits: 28 });
    expect(estimateStrength('Abc-_+/=')).toMatchObject({ alphabet: 'base64/alphanumeric', bits: 48 });
  });
  it('counts anything else (punctuation, spaces, non-ASCII) as printable ASCII, 95 symbols', () => {
    expect(estimateStrength('a b!')).toMatchObject({ alphabet: 'printable ASCII', bits: 26 });
  });
});
