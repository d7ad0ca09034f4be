import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../engine/apply-fixes';
import { runRule } from '../testing';
import { placeholderSecret } from './placeholder-secret';

describe('placeholder-secret', () => {
  it.each(['secret', 'changeme', 'change-me', 'password', 'your-256-bit-secret', '!ChangeMe!', 'xxxxxxxx', 'TODO', 'test', 'example', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', '<your-secret>'])(
    'flags %s as critical in every profile',
    (value) => {
      const [f] = runRule(placeholderSecret, `JWT_SECRET=${value}`);
      expect(f).toMatchObject({ rule: 'placeholder-secret', level: 'critical', key: 'JWT_SECRET' });
      expect(f?.message.startsWith('Critical: JWT_SECRET is a well-known placeholder')).toBe(true);
      expect(f?.message).toContain('openssl rand -base64 48');
    },
  );

  it('does not flag a generated secret or an empty value', () => {
    expect(runRule(placeholderSecret, 'JWT_SECRET=q3VfZk1uX2Jhc2U2NHVybF9zZWNyZXRfdmFsdWVfMTIzNDU2Nzg5MA\nM1_ADMIN_JWT_SECRET=')).toEqual([]);
  });

  it('checks M1_ADMIN_JWT_SECRET too and offers a generated replacement that keeps the quotes', () => {
    const text = "M1_ADMIN_JWT_SECRET='changeme'";
    const [f] = runRule(placeholderSecret, text, { profile: 'production' });
    expect(f?.key).toBe('M1_ADMIN_JWT_SECRET');
    expect(f?.range).toEqual({ start: { line: 0, character: 20 }, end: { line: 0, character: 30 } });
    expect(f?.fixes[0]).toMatchObject({ title: 'Generate a strong secret for M1_ADMIN_JWT_SECRET', safe: false, preferred: true });
    expect(applyEdits(text, f?.fixes[0]?.edits ?? [])).toMatch(/^M1_ADMIN_JWT_SECRET='[\w-]{64}'$/);
  });
});
