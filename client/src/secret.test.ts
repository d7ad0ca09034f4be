import { expect, it } from 'vitest';
import { SECRET_BYTES, generateSecret } from './secret';

it('is 48 random bytes in base64url: 64 characters that need no quoting in a .env file', () => {
  const s = generateSecret();
  expect(s).toMatch(/^[A-Za-z0-9_-]{64}$/);
  expect(Buffer.from(s, 'base64url')).toHaveLength(SECRET_BYTES);
  expect(generateSecret()).not.toBe(s);
});

it('encodes the bytes it is given', () => {
  expect(generateSecret((n) => Buffer.alloc(n, 0xff))).toBe('_'.repeat(64));
});
