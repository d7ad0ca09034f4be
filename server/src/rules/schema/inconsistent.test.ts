import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../engine/apply-fixes';
import { runRule } from '../testing';
import { inconsistent } from './inconsistent';

const SECRET = 'JWT_SECRET=' + 'k'.repeat(40) + '\n';

describe('inconsistent', () => {
  it('accepts a consistent file', () => {
    expect(runRule(inconsistent, `${SECRET}DATABASE_POOL_MIN=5\nDATABASE_POOL_MAX=5\nM1_SLOW_REQUEST_MS=999\nM1_API_TIMEOUT_MS=1000`)).toEqual([]);
  });

  it('reports DATABASE_POOL_MIN above DATABASE_POOL_MAX as an error on MIN, with a fix', () => {
    const text = `${SECRET}DATABASE_POOL_MIN=20\nDATABASE_POOL_MAX=10`;
    const [f] = runRule(inconsistent, text);
    expect(f).toMatchObject({ rule: 'inconsistent', level: 'error', key: 'DATABASE_POOL_MIN' });
    expect(f?.message).toBe(
      'DATABASE_POOL_MIN (20) is greater than DATABASE_POOL_MAX (10): the pool cannot keep more idle connections than it may open. Lower DATABASE_POOL_MIN or raise DATABASE_POOL_MAX.',
    );
    expect(f?.range.start).toEqual({ line: 1, character: 18 });
    expect(applyEdits(text, f?.fixes[0]?.edits ?? [])).toContain('DATABASE_POOL_MIN=10\n');
  });

  it('compares with the default when only one bound is set', () => {
    const [f] = runRule(inconsistent, `${SECRET}DATABASE_POOL_MAX=1`);
    expect(f).toMatchObject({ key: 'DATABASE_POOL_MAX', fixes: [] });
    expect(f?.message).toContain('DATABASE_POOL_MIN (2, the default)');
  });

  it('warns when M1_SLOW_REQUEST_MS is not below M1_API_TIMEOUT_MS', () => {
    const [f] = runRule(inconsistent, `${SECRET}M1_SLOW_REQUEST_MS=5000\nM1_API_TIMEOUT_MS=5000`);
    expect(f).toMatchObject({ level: 'warning', key: 'M1_SLOW_REQUEST_MS' });
    expect(f?.message).toContain('Set M1_SLOW_REQUEST_MS well below the timeout');
  });

  it('requires JWT_SECRET for the default HS256, with a generated-secret fix', () => {
    const text = 'PORT=3000\n';
    const [f] = runRule(inconsistent, text);
    expect(f).toMatchObject({ level: 'error', key: 'JWT_SECRET' });
    expect(f?.message).toContain('JWT_ALGORITHM defaults to HS256');
    expect(f?.fixes[0]).toMatchObject({ safe: false, title: 'Generate a strong secret for JWT_SECRET' });
    expect(applyEdits(text, f?.fixes[0]?.edits ?? [])).toMatch(/^PORT=3000\nJWT_SECRET=[\w-]{64}\n$/);
  });

  it('points at JWT_ALGORITHM when it is set to HS512 without a secret', () => {
    const [f] = runRule(inconsistent, 'JWT_ALGORITHM=HS512\nJWT_SECRET=');
    expect(f?.range.start).toEqual({ line: 0, character: 14 });
    expect(f?.message).toContain('because JWT_ALGORITHM is HS512');
  });

  it('requires JWT_PUBLIC_KEY or JWKS_URL for asymmetric algorithms', () => {
    const [f] = runRule(inconsistent, 'JWT_ALGORITHM=RS256');
    expect(f).toMatchObject({ level: 'error', key: 'JWT_ALGORITHM' });
    expect(f?.message).toContain('neither JWT_PUBLIC_KEY nor JWKS_URL is set');
    expect(runRule(inconsistent, 'JWT_ALGORITHM=ES256\nJWKS_URL=https://a.example.com/jwks.json')).toEqual([]);
  });

  it('leaves JWT_ALGORITHM=none and invalid algorithms to their rules, and example files alone', () => {
    expect(runRule(inconsistent, 'JWT_ALGORITHM=none')).toEqual([]);
    expect(runRule(inconsistent, 'JWT_ALGORITHM=XX1')).toEqual([]);
    expect(runRule(inconsistent, 'PORT=1', { fileName: '.env.example' })).toEqual([]);
  });
});
