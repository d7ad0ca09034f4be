import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../engine/apply-fixes';
import { runRule } from '../testing';
import { invalidValue } from './invalid-value';

describe('invalid-value', () => {
  it('accepts valid values of every kind', () => {
    const text = [
      'NODE_ENV=production', 'PORT=8080', 'JWT_EXPIRES_IN=15m', 'M1_API_BASE_URL=https://api.example.com', 'HOST=0.0.0.0',
      'TOKEN_REVOCATION_FAIL_OPEN=false', 'DEBUG=m1:*', 'M1_RELEASE=1.2.3', 'SENTRY_DSN=https://k@o1.ingest.sentry.io/2', 'SENTRY_DSN=',
    ].join('\n');
    expect(runRule(invalidValue, text)).toEqual([]);
  });

  it('reports a non-integer with the expected type, the value and what to use', () => {
    const [f] = runRule(invalidValue, 'PORT=80a80');
    expect(f).toMatchObject({ rule: 'invalid-value', level: 'error', key: 'PORT' });
    expect(f?.message).toBe('PORT must be a base-10 integer, not "80a80". Correct it, e.g. PORT=3000.');
    expect(f?.range).toEqual({ start: { line: 0, character: 5 }, end: { line: 0, character: 10 } });
  });

  it('offers one fix per NODE_ENV value, closest first, the first preferred', () => {
    const [f] = runRule(invalidValue, 'NODE_ENV=prodution');
    expect(f?.fixes.map((x) => x.title)).toEqual([
      'Change NODE_ENV to production', // distance 1
      'Change NODE_ENV to test',
      'Change NODE_ENV to staging',
      'Change NODE_ENV to development',
    ]);
    expect(f?.fixes.map((x) => x.preferred === true)).toEqual([true, false, false, false]);
    expect(f?.message).toBe('NODE_ENV must be one of development, test, staging, production, not "prodution". Use production or another allowed value.');
  });

  it('ranks an abbreviation of an allowed value first (prod, dev, stage)', () => {
    const first = (v: string) => runRule(invalidValue, `NODE_ENV=${v}`)[0]?.fixes[0]?.title;
    expect(first('prod')).toBe('Change NODE_ENV to production');
    expect(first('dev')).toBe('Change NODE_ENV to development');
    expect(first('stage')).toBe('Change NODE_ENV to staging');
  });

  it('replaces the value with the chosen one, not safe when more than case changes', () => {
    const text = 'NODE_ENV=prodution';
    const [f] = runRule(invalidValue, text);
    expect(f?.fixes[0]?.title).toBe('Change NODE_ENV to production');
    expect(f?.fixes[0]?.safe).toBe(false);
    expect(applyEdits(text, f?.fixes[0]?.edits ?? [])).toBe('NODE_ENV=production');
  });

  it('offers a case-only correction first, not safe (a safe fix never changes a value), keeping the quotes', () => {
    const text = 'LOG_LEVEL="INFO"';
    const [f] = runRule(invalidValue, text);
    expect(f?.fixes[0]).toMatchObject({ title: 'Change LOG_LEVEL to info', safe: false, preferred: true });
    expect(applyEdits(text, f?.fixes[0]?.edits ?? [])).toBe('LOG_LEVEL="info"');
  });

  it('reports a URL scheme the variable does not allow, with the password hidden', () => {
    const [f] = runRule(invalidValue, 'REDIS_URL=http://:hunter2@cache:6379');
    expect(f?.message).toBe('REDIS_URL must be a URL starting with redis:// or rediss:// (it starts with http://), not "http://:****@cache:6379". Correct it, e.g. REDIS_URL=rediss://:PASSWORD@cache.internal:6380.');
    expect(f?.message).not.toContain('hunter2');
  });

  it('never shows the value of a PEM block', () => {
    const [f] = runRule(invalidValue, 'JWT_PUBLIC_KEY="-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----"');
    expect(f?.message).toContain('not a PRIVATE KEY');
    expect(f?.message).not.toContain('abc');
  });

  it('leaves empty values (unset) and JWT_ALGORITHM=none (algorithm-none) to other rules', () => {
    expect(runRule(invalidValue, 'PORT=\nJWT_ALGORITHM=none')).toEqual([]);
  });

  it('checks the value after interpolation', () => {
    expect(runRule(invalidValue, 'P=8080\nPORT=${P}')).toEqual([]);
    expect(runRule(invalidValue, 'P=80x\nPORT=${P}')[0]?.message).toContain('not "80x"');
  });

  it('ignores keys outside the catalog', () => {
    expect(runRule(invalidValue, 'MY_PORT=abc')).toEqual([]);
  });
});
