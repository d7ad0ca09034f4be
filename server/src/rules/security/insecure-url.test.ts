import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../engine/apply-fixes';
import { runRule } from '../testing';
import { insecureUrl } from './insecure-url';

const prod = { profile: 'production' as const };

describe('insecure-url', () => {
  it('says nothing outside production-like profiles', () => {
    expect(runRule(insecureUrl, 'M1_API_BASE_URL=http://api.example.com\nREDIS_URL=redis://cache:6379')).toEqual([]);
  });

  it('reports http:// for the API, analytics and JWKS as errors with an https fix', () => {
    const text = 'M1_API_BASE_URL=http://api.example.com\nM1_ANALYTICS_URL="http://an.example.com"\nJWKS_URL=http://auth/jwks';
    const findings = runRule(insecureUrl, text, prod);
    expect(findings.map((f) => [f.key, f.level])).toEqual([
      ['M1_API_BASE_URL', 'error'],
      ['M1_ANALYTICS_URL', 'error'],
      ['JWKS_URL', 'error'],
    ]);
    expect(findings[0]?.message).toBe('M1_API_BASE_URL uses http:// in production: tokens and API traffic cross the network unencrypted. Use https://.');
    const fixed = applyEdits(text, findings.flatMap((f) => f.fixes[0]?.edits ?? []));
    expect(fixed).toBe('M1_API_BASE_URL=https://api.example.com\nM1_ANALYTICS_URL="https://an.example.com"\nJWKS_URL=https://auth/jwks');
    expect(findings.every((f) => f.fixes[0]?.safe === false)).toBe(true);
  });

  it('warns about redis:// to another host, with a rediss fix and the password hidden', () => {
    const text = 'REDIS_URL=redis://:hunter2@cache.internal:6379/0';
    const [f] = runRule(insecureUrl, text, { profile: 'staging' });
    expect(f).toMatchObject({ level: 'warning', key: 'REDIS_URL' });
    expect(f?.message).toContain('redis:// to cache.internal in staging');
    expect(f?.message).not.toContain('hunter2');
    expect(applyEdits(text, f?.fixes[0]?.edits ?? [])).toBe('REDIS_URL=rediss://:hunter2@cache.internal:6379/0');
  });

  it('accepts rediss:// and loopback Redis', () => {
    expect(runRule(insecureUrl, 'REDIS_URL=rediss://cache:6380', prod)).toEqual([]);
    expect(runRule(insecureUrl, 'REDIS_URL=redis://127.0.0.1:6379', prod)).toEqual([]);
  });

  it('warns about PostgreSQL without sslmode=require to another host and appends it', () => {
    const text = 'DATABASE_URL=postgres://m1:pw@db.internal/m1?application_name=m1';
    const [f] = runRule(insecureUrl, text, prod);
    expect(f).toMatchObject({ level: 'warning', key: 'DATABASE_URL' });
    expect(f?.message).toContain('has no sslmode for db.internal');
    expect(applyEdits(text, f?.fixes[0]?.edits ?? [])).toBe(`${text}&sslmode=require`);
  });

  it('names a weak sslmode without a fix and accepts secure ones', () => {
    const [f] = runRule(insecureUrl, 'DATABASE_URL=postgres://db.internal/m1?sslmode=prefer', prod);
    expect(f?.message).toContain('has sslmode=prefer');
    expect(f?.fixes).toEqual([]);
    for (const mode of ['require', 'verify-ca', 'verify-full']) {
      expect(runRule(insecureUrl, `DATABASE_URL=postgres://db.internal/m1?sslmode=${mode}`, prod)).toEqual([]);
    }
    expect(runRule(insecureUrl, 'DATABASE_URL=postgres://localhost/m1', prod)).toEqual([]);
  });
});
