import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('applies the catalog defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      redisUrl: null,
      redisKeyPrefix: 'm1:',
      analytics: { bufferSize: 1000, retentionMs: 24 * 3_600_000, anomalyZThreshold: 3 },
      revocation: { cacheTtlS: 60, retentionH: 24, failOpen: false },
      auth: { adminSecret: null, jwksUrl: null, jwksAlgorithm: 'RS256' },
      logLevel: 'info',
      dataDir: './.m1-ops',
    });
  });

  it('parses values, treats empty as unset, and lets flags override', () => {
    const c = loadConfig(
      { PORT: '8080', M1_ANALYTICS_BUFFER_SIZE: '5000', TOKEN_REVOCATION_FAIL_OPEN: '1', JWT_ALGORITHM: 'ES256', JWKS_URL: 'https://id.example/jwks', REDIS_URL: '' },
      { port: 0, host: '127.0.0.1', dev: true },
    );
    expect(c).toMatchObject({ port: 0, host: '127.0.0.1', dev: true, redisUrl: null, analytics: { bufferSize: 5000 }, revocation: { failOpen: true } });
    expect(c.auth).toMatchObject({ jwksAlgorithm: 'ES256', jwksUrl: 'https://id.example/jwks' });
  });

  it('has a sane default for every limit, and the header timeout never exceeds the request timeout', () => {
    const c = loadConfig({});
    expect(c.limits).toMatchObject({ requestTimeoutMs: 30000, headersTimeoutMs: 10000, keepAliveTimeoutMs: 5000, maxRequestsPerToken: 64, maxSseStreams: 1000, maxSseStreamsPerToken: 16 });
    expect(c.limits.maxConnections).toBeGreaterThanOrEqual(16);
    expect(c.limits.maxConnections).toBeLessThanOrEqual(10000);
    expect(c.analytics).toMatchObject({ maxTagNames: 64, maxTagValues: 10000, queryTimeoutMs: 5000 });
    expect(loadConfig({ M1_REQUEST_TIMEOUT_MS: '2000', M1_HEADERS_TIMEOUT_MS: '9000' }).limits.headersTimeoutMs).toBe(2000);
    expect(() => loadConfig({ M1_QUERY_TIMEOUT_MS: '0' })).toThrow(/M1_QUERY_TIMEOUT_MS/);
  });

  it('reads the application key configuration for introspection (a PEM may carry literal \\n)', () => {
    const c = loadConfig({ JWT_ALGORITHM: 'ES256', JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\\nAAAA\\n-----END PUBLIC KEY-----', JWT_ISSUER: 'https://id', JWT_SECRET: '' });
    expect(c.appAuth).toEqual({ algorithm: 'ES256', secret: null, publicKey: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----', jwksUrl: null, issuer: 'https://id', audience: null });
  });

  it('names every bad variable without echoing secret values', () => {
    let err: unknown;
    try {
      loadConfig({ PORT: 'eighty', REDIS_URL: 'http://user:hunter2@x', M1_ANOMALY_Z_THRESHOLD: '99' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const e = err as ConfigError;
    expect(e.issues.map((i) => i.variable).sort()).toEqual(['M1_ANOMALY_Z_THRESHOLD', 'PORT', 'REDIS_URL']);
    expect(e.message).not.toContain('hunter2');
  });
});
