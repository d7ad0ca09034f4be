import { describe, expect, it } from 'vitest';
import { isRuleId } from '../../../shared/src/rule-ids';
import { CATALOG, CATALOG_KEYS, describeVariable, displayValue, numericValue, rulesForKey, VARIABLES } from './index';

describe('catalog table', () => {
  it('holds every variable of config.md once', () => {
    // config.md's table has 41 rows; the control service's limits add 10 (performance 4+7, monitoring 6+3);
    // the Redis topologies add 8 (cluster, sentinels, master name, username, two passwords, TLS, min replicas);
    // the analytics history 3 (memory budget, PostgreSQL URL, spool).
    expect(VARIABLES).toHaveLength(62);
    expect(new Set(CATALOG_KEYS).size).toBe(62);
  });
  it('has defaults that pass their own type check and range', () => {
    for (const spec of VARIABLES) {
      if (spec.default === undefined) continue;
      expect(spec.schema.safeParse(spec.default).success, spec.name).toBe(true);
      if (spec.type.kind === 'int' || spec.type.kind === 'number') {
        const n = numericValue(spec, spec.default) ?? Number.NaN;
        expect(n >= spec.type.min && n <= spec.type.max, spec.name).toBe(true);
      }
    }
  });
  it('marks exactly the two JWT secrets and the two Redis passwords as secret and the URL credentials as secret parts', () => {
    expect(VARIABLES.filter((s) => s.secret).map((s) => s.name).sort()).toEqual(['JWT_SECRET', 'M1_ADMIN_JWT_SECRET', 'REDIS_PASSWORD', 'REDIS_SENTINEL_PASSWORD']);
    expect(CATALOG.get('REDIS_URL')?.secretUrlParts).toEqual(['password']);
    expect(CATALOG.get('DATABASE_URL')?.secretUrlParts).toEqual(['password']);
    expect(CATALOG.get('SENTRY_DSN')?.secretUrlParts).toEqual(['username']);
  });
  it('names only real rule ids', () => {
    for (const spec of VARIABLES) for (const r of spec.rules) expect(isRuleId(r), `${spec.name}: ${r}`).toBe(true);
  });
});

describe('schemas', () => {
  const ok = (key: string, value: string) => CATALOG.get(key)?.schema.safeParse(value).success;
  const why = (key: string, value: string) => CATALOG.get(key)?.schema.safeParse(value).error?.issues[0]?.message;
  it.each([
    ['PORT', '8080', true], ['PORT', '80.5', false], ['PORT', '0x50', false], ['PORT', '-1', true],
    ['NODE_ENV', 'production', true], ['NODE_ENV', 'prod', false], ['NODE_ENV', 'Production', false],
    ['TOKEN_REVOCATION_FAIL_OPEN', '1', true], ['TOKEN_REVOCATION_FAIL_OPEN', 'yes', false],
    ['JWT_EXPIRES_IN', '15m', true], ['JWT_EXPIRES_IN', '3600', false], ['JWT_EXPIRES_IN', '1.5h', false],
    ['M1_API_BASE_URL', 'https://api.example.com', true], ['M1_API_BASE_URL', 'api.example.com', false], ['M1_API_BASE_URL', 'ftp://x.y', false],
    ['REDIS_URL', 'rediss://:pw@cache:6380', true], ['REDIS_URL', 'http://cache', false],
    ['DATABASE_URL', 'postgresql://u:p@db/m1', true],
    ['SENTRY_DSN', 'http://k@sentry.io/1', false],
    ['M1_RELEASE', '1.2.3-rc.1+build.5', true], ['M1_RELEASE', 'v1.2', false],
    ['M1_REGION', 'us-east-1', true], ['M1_REGION', 'europe-west4', true], ['M1_REGION', 'US East', false],
    ['M1_INSTANCE_ID', 'api-1.eu_west', true], ['M1_INSTANCE_ID', 'api 1', false],
    ['REDIS_KEY_PREFIX', 'm1:prod:', true], ['REDIS_KEY_PREFIX', 'm1/prod', false],
    ['HOST', '0.0.0.0', true], ['HOST', '::', true], ['HOST', 'api.internal', true], ['HOST', '999.1.1.1', false], ['HOST', 'http://x', false],
    ['CORS_ORIGINS', 'https://a.example.com, http://localhost:3000', true], ['CORS_ORIGINS', '*', true],
    ['CORS_ORIGINS', 'https://a.example.com/', false], ['CORS_ORIGINS', 'https://a.com,', false],
    ['DEBUG', 'm1:*,-m1:noisy', true], ['DEBUG', 'false', true], ['DEBUG', 'a;b', false],
    ['NODE_TLS_REJECT_UNAUTHORIZED', '0', true], ['NODE_TLS_REJECT_UNAUTHORIZED', 'false', false],
    ['M1_ANOMALY_Z_THRESHOLD', '2.5', true], ['M1_ANOMALY_Z_THRESHOLD', 'high', false],
    ['JWT_PUBLIC_KEY', '-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----', true],
    ['JWT_PUBLIC_KEY', 'MFkwEwYHKoZIzj0CAQ', false],
  ])('%s=%s valid: %s', (key, value, expected) => {
    expect(ok(key, value)).toBe(expected);
  });
  it('explains failures as an expected phrase', () => {
    expect(why('PORT', 'abc')).toBe('a base-10 integer');
    expect(why('REDIS_URL', 'http://cache')).toContain('redis:// or rediss://');
    expect(why('JWT_PUBLIC_KEY', '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----')).toContain('not a PRIVATE KEY');
  });
});

describe('helpers for hover and completion', () => {
  it('describes a variable with type, default, allowed values and rules', () => {
    const info = describeVariable('NODE_ENV');
    expect(info).toMatchObject({ type: 'enum (development | test | staging | production)', default: 'development', requirement: 'required' });
    expect(info?.allowedValues).toEqual(['development', 'test', 'staging', 'production']);
    expect(describeVariable('NODE_TLS_REJECT_UNAUTHORIZED')?.type).toBe('0 | 1');
    expect(describeVariable('JWT_SECRET')).toMatchObject({ secret: true, requirement: expect.stringContaining('JWT_ALGORITHM') as string });
    expect(describeVariable('NOPE')).toBeUndefined();
  });
  it('lists the rules that apply to a key', () => {
    expect(rulesForKey('PORT')).toEqual(['invalid-value', 'out-of-range', 'perf-threshold']);
    expect(rulesForKey('JWT_SECRET')).toContain('weak-secret');
    expect(rulesForKey('MY_APP_KEY')).toEqual(['unknown-key']);
  });
  it('converts numeric values, durations in milliseconds', () => {
    const spec = (k: string) => CATALOG.get(k)!;
    expect(numericValue(spec('JWT_EXPIRES_IN'), '2d')).toBe(172_800_000);
    expect(numericValue(spec('PORT'), '8080')).toBe(8080);
    expect(numericValue(spec('PORT'), 'x')).toBeUndefined();
  });
  it('never displays secrets, PEM blocks, unknown keys or URL passwords', () => {
    expect(displayValue('JWT_SECRET', 'abc')).toBeUndefined();
    expect(displayValue('JWT_PUBLIC_KEY', '-----BEGIN PUBLIC KEY-----')).toBeUndefined();
    expect(displayValue('STRIPE_KEY', 'sk_live_x')).toBeUndefined();
    expect(displayValue('DATABASE_URL', 'postgres://u:pw@db/x')).toBe('"postgres://u:****@db/x"');
    expect(displayValue('DATABASE_URL', 'postgres//u:pw@db/x')).toBeUndefined();
    expect(displayValue('REDIS_URL', 'redis://u:p/w@db')).toBeUndefined();
    expect(displayValue('SENTRY_DSN', 'https://key@o1.sentry.io/1')).toBe('"https://****@o1.sentry.io/1"');
    expect(displayValue('PORT', 'x'.repeat(100))).toHaveLength(62);
  });
});
