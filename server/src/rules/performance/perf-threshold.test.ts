import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../engine/apply-fixes';
import { runRule } from '../testing';
import { perfThreshold } from './perf-threshold';

const warnings = (text: string, profile: 'development' | 'production' = 'development') =>
  runRule(perfThreshold, text, { profile }).map((f) => [f.key, f.level]);

describe('perf-threshold', () => {
  it('is quiet at the thresholds themselves', () => {
    const text = [
      'PORT=1024', 'M1_API_TIMEOUT_MS=60000', 'TOKEN_REVOCATION_CACHE_TTL_S=300', 'REDIS_COMMAND_TIMEOUT_MS=2000', 'DATABASE_POOL_MAX=100',
      'M1_MAX_CONCURRENT_TOOLS=64', 'M1_ANOMALY_Z_THRESHOLD=2', 'JWT_EXPIRES_IN=24h', 'LOG_LEVEL=info', 'M1_API_BASE_URL=https://api.example.com',
    ].join('\n');
    expect(runRule(perfThreshold, text, { profile: 'production' })).toEqual([]);
  });

  it.each([
    ['PORT=80', 'PORT is 80, below 1024: ports below 1024 need root or CAP_NET_BIND_SERVICE; listen on 1024 or above behind a proxy.'],
    ['M1_API_TIMEOUT_MS=90000', 'M1_API_TIMEOUT_MS is 90000, above 60000: slow requests then hold connections and workers for over a minute; keep it at 60000 or less.'],
    ['M1_API_TIMEOUT_MS=500', 'M1_API_TIMEOUT_MS is 500, below 1000: ordinary requests will time out; use at least 1000.'],
    ['TOKEN_REVOCATION_CACHE_TTL_S=600', 'TOKEN_REVOCATION_CACHE_TTL_S is 600, above 300'],
    ['REDIS_COMMAND_TIMEOUT_MS=5000', 'REDIS_COMMAND_TIMEOUT_MS is 5000, above 2000: fail-closed revocation decisions wait this long'],
    ['DATABASE_POOL_MAX=200', 'DATABASE_POOL_MAX is 200, above 100'],
    ['M1_MAX_CONCURRENT_TOOLS=128', 'M1_MAX_CONCURRENT_TOOLS is 128, above 64'],
    ['M1_ANOMALY_Z_THRESHOLD=1.5', 'M1_ANOMALY_Z_THRESHOLD is 1.5, below 2: ordinary variation is then flagged'],
    ['JWT_EXPIRES_IN=7d', 'JWT_EXPIRES_IN is 7d, above 24h: long-lived tokens outlive revocation retention'],
  ])('warns about %s in every profile', (line, message) => {
    const [f] = runRule(perfThreshold, line);
    expect(f).toMatchObject({ rule: 'perf-threshold', level: 'warning', fixes: [] });
    expect(f?.message.startsWith(message)).toBe(true);
  });

  it('leaves out-of-range values to out-of-range', () => {
    expect(warnings('PORT=0\nM1_API_TIMEOUT_MS=999999')).toEqual([]);
  });

  it('warns about trace/debug logging in production only, with a fix to info (offered, not safe: it changes a value)', () => {
    expect(warnings('LOG_LEVEL=debug')).toEqual([]);
    const text = 'LOG_LEVEL=trace';
    const [f] = runRule(perfThreshold, text, { profile: 'production' });
    expect(f).toMatchObject({ key: 'LOG_LEVEL', level: 'warning' });
    expect(f?.fixes[0]).toMatchObject({ title: 'Set LOG_LEVEL to info', safe: false });
    expect(applyEdits(text, f?.fixes[0]?.edits ?? [])).toBe('LOG_LEVEL=info');
  });

  it('warns about a loopback API base URL in production', () => {
    expect(warnings('M1_API_BASE_URL=https://localhost:3000', 'production')).toEqual([['M1_API_BASE_URL', 'warning']]);
    expect(warnings('M1_API_BASE_URL=https://localhost:3000')).toEqual([]);
  });

  it('suggests removing a trailing slash (info, fix offered but not safe) in every profile', () => {
    const text = 'M1_API_BASE_URL="https://api.example.com/v1/"';
    const [f] = runRule(perfThreshold, text);
    expect(f).toMatchObject({ key: 'M1_API_BASE_URL', level: 'info' });
    expect(f?.message).toContain('Remove the trailing slash');
    expect(f?.fixes[0]).toMatchObject({ safe: false, title: 'Remove the trailing /' });
    expect(applyEdits(text, f?.fixes[0]?.edits ?? [])).toBe('M1_API_BASE_URL="https://api.example.com/v1"');
  });
});
