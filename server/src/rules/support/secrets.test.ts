import { describe, expect, it } from 'vitest';
import { generateSecret, isPlaceholderSecret } from './secrets';

describe('generateSecret', () => {
  it('returns 64 base64url characters (48 random bytes), different each time', () => {
    const a = generateSecret();
    expect(a).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(48);
    expect(generateSecret()).not.toBe(a);
  });
});

describe('isPlaceholderSecret', () => {
  it('knows config.md placeholders, whatever the case or surrounding blanks', () => {
    for (const v of ['secret', ' ChangeMe ', 'CHANGE-ME', 'your-256-bit-secret', '!ChangeMe!', 'XXXX', 'todo', 'Test', 'example', '0000000000', 'your_jwt_secret_here']) {
      expect(isPlaceholderSecret(v), v).toBe(true);
    }
  });
  it('does not flag real-looking secrets', () => {
    for (const v of ['', 'secret-9f86d081884c7d65', 'xxxy', 'testing-Zm9vYmFy', generateSecret()]) expect(isPlaceholderSecret(v), v).toBe(false);
  });
});
