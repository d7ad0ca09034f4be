import { describe, expect, it } from 'vitest';
import { validateEnvironment } from './environment';

const GOOD = {
  NODE_ENV: 'production',
  M1_API_BASE_URL: 'https://api.example.com',
  DATABASE_URL: 'postgres://m1:Xk3-long-random@db.internal/m1?sslmode=require',
  REDIS_URL: 'rediss://:Rk9-long-random@cache.internal:6380',
  JWT_SECRET: 'q3VfZk1uX2Jhc2U2NHVybF9zZWNyZXRfdmFsdWVfMTIzNDU2Nzg5MA',
  M1_ADMIN_JWT_SECRET: 'cTNWZloxdVgySmhjMlUyTkhWeWJGOXpaV055WlhSZmRtRnNkV1Zm',
  M1_REGION: 'eu-west-1',
  PATH: '/usr/bin',
};

describe('validateEnvironment', () => {
  it('accepts a good production environment and ignores non-catalog variables', () => {
    expect(validateEnvironment(GOOD)).toEqual({ profile: 'production', findings: [] });
  });

  it('reports semantic problems with the key, an empty range and no fixes', () => {
    const r = validateEnvironment({ ...GOOD, JWT_SECRET: 'changeme', PORT: 'abc', M1_ADMIN_JWT_SECRET: undefined });
    expect(r.findings.map((f) => [f.rule, f.key, f.level])).toEqual(
      expect.arrayContaining([
        ['placeholder-secret', 'JWT_SECRET', 'critical'],
        ['invalid-value', 'PORT', 'error'],
        ['missing-required', 'M1_ADMIN_JWT_SECRET', 'error'],
      ]),
    );
    for (const f of r.findings) {
      expect(f.fixes).toEqual([]);
      expect(f.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
      expect(f.message).not.toContain('changeme');
    }
  });

  it('limits findings to the given keys and honours an explicit profile and rule levels', () => {
    const env = { PORT: '80', DEBUG: 'true' };
    const r = validateEnvironment(env, { profile: 'production', keys: ['PORT', 'DEBUG'], ruleLevels: { 'perf-threshold': 'off' } });
    expect(r.profile).toBe('production');
    expect(r.findings.map((f) => [f.rule, f.key])).toEqual([['debug-in-production', 'DEBUG']]);
    expect(validateEnvironment(env).profile).toBe('development');
  });
});
