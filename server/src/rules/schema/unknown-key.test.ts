import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../engine/apply-fixes';
import { runRule } from '../testing';
import { suggestKey, unknownKey } from './unknown-key';

describe('unknown-key', () => {
  it('says nothing about catalog keys', () => {
    expect(runRule(unknownKey, 'PORT=1\nJWT_SECRET=x')).toEqual([]);
  });

  it('reports an unrelated key as info without a fix', () => {
    const [f] = runRule(unknownKey, 'STRIPE_API_KEY=sk_live_abc');
    expect(f).toMatchObject({ rule: 'unknown-key', level: 'info', key: 'STRIPE_API_KEY', fixes: [] });
    expect(f?.message).toBe('STRIPE_API_KEY is not an M1 variable. Keep it if another program reads it (or turn unknown-key off); otherwise remove it.');
    expect(f?.message).not.toContain('sk_live');
  });

  it('warns about a misspelt key with a rename fix on the key', () => {
    const text = 'JWT_SECRT=abc';
    const [f] = runRule(unknownKey, text);
    expect(f).toMatchObject({ level: 'warning', key: 'JWT_SECRT' });
    expect(f?.message).toContain('did you mean JWT_SECRET?');
    expect(f?.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 9 } });
    expect(f?.fixes[0]).toMatchObject({ title: 'Rename to JWT_SECRET', safe: false, preferred: true });
    expect(applyEdits(text, f?.fixes[0]?.edits ?? [])).toBe('JWT_SECRET=abc');
  });

  it('suggests by case, transposition and up to two edits', () => {
    expect(suggestKey('database_url')).toBe('DATABASE_URL');
    expect(suggestKey('REDSI_URL')).toBe('REDIS_URL'); // transposition = 1
    expect(suggestKey('DATABSE_POOL_MX')).toBe('DATABASE_POOL_MAX'); // 2
    expect(suggestKey('DTABSE_POOL_MX')).toBeUndefined(); // 3
  });

  it('suggests only when a typo is likely: a replaced word or a vendor prefix is another variable', () => {
    expect(suggestKey('S3_REGION')).toBeUndefined(); // not M1_REGION
    expect(suggestKey('REDIS_SSL')).toBeUndefined(); // not REDIS_URL
    expect(suggestKey('SOME_ENV')).toBeUndefined(); // not NODE_ENV
    expect(suggestKey('AWS_REGION')).toBeUndefined();
    expect(suggestKey('NEXT_PUBLIC_PORT')).toBeUndefined();
    expect(suggestKey('DB_HOST')).toBeUndefined();
    expect(suggestKey('M1_REGON')).toBe('M1_REGION');
    expect(suggestKey('NODE_EVN')).toBe('NODE_ENV');
    expect(suggestKey('REDIS_URI')).toBe('REDIS_URL');
    expect(suggestKey('JWTSECRET')).toBe('JWT_SECRET');
    expect(suggestKey('M1_API_BASEURL')).toBe('M1_API_BASE_URL');
  });

  it('allows only one edit against 4-letter keys, so HOME is not taken for HOST', () => {
    expect(suggestKey('HOME')).toBeUndefined();
    expect(suggestKey('PROT')).toBe('PORT');
    expect(suggestKey('HOSTS')).toBe('HOST');
  });

  it('stays info when the suggested key is already set', () => {
    const [f] = runRule(unknownKey, 'JWT_SECRET=a\nJWT_SECRT=b');
    expect(f).toMatchObject({ level: 'info', fixes: [] });
    expect(f?.message).toContain('misspelt JWT_SECRET, which is also set');
  });
});
