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
