import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../engine/apply-fixes';
import { runRule } from '../testing';
import { missingRequired } from './missing-required';

const BASE = 'NODE_ENV=development\nM1_API_BASE_URL=https://api.example.com\nDATABASE_URL=postgres://m1:pw@db/m1\n';

describe('missing-required', () => {
  it('reports nothing when the always-required variables are set (development)', () => {
    expect(runRule(missingRequired, BASE)).toEqual([]);
  });

  it('reports each absent always-required variable as an error on the first line', () => {
    const findings = runRule(missingRequired, 'NODE_ENV=development\n');
    expect(findings.map((f) => [f.key, f.level])).toEqual([
      ['M1_API_BASE_URL', 'error'],
      ['DATABASE_URL', 'error'],
    ]);
    expect(findings[0]?.range.start).toEqual({ line: 0, character: 0 });
    expect(findings[0]?.message).toMatch(/M1_API_BASE_URL is missing but required\. Add it, e\.g\. M1_API_BASE_URL=https:/);
    expect(findings[0]?.fixes).toEqual([]); // no value is obvious
  });

  it('reports a missing NODE_ENV as a warning whose fix adds the default, offered but not safe (it adds a key)', () => {
    const text = BASE.replace('NODE_ENV=development\n', '').trimEnd(); // no final line break
    const [f] = runRule(missingRequired, text);
    expect(f).toMatchObject({ key: 'NODE_ENV', level: 'warning' });
    expect(f?.message).toBe('NODE_ENV is missing but required. Add NODE_ENV=development; without it the service runs as development.');
    expect(f?.fixes[0]).toMatchObject({ title: 'Add NODE_ENV=development', safe: false, preferred: true });
    expect(applyEdits(text, f?.fixes[0]?.edits ?? [])).toBe(`${text}\nNODE_ENV=development\n`);
  });

  it('adds NODE_ENV=production to a production file, not safe since it changes what the service runs as', () => {
    const text = 'M1_API_BASE_URL=https://api.example.com\r\nDATABASE_URL=postgres://m1:pw@db/m1\r\n';
    const f = runRule(missingRequired, text, { profile: 'production' }).find((x) => x.key === 'NODE_ENV');
    expect(f?.fixes[0]).toMatchObject({ title: 'Add NODE_ENV=production', safe: false });
    expect(applyEdits(text, f?.fixes[0]?.edits ?? [])).toBe(`${text}NODE_ENV=production\r\n`);
  });

  it('requires M1_ADMIN_JWT_SECRET and REDIS_URL (error) and M1_REGION (info) only in production-like profiles', () => {
    const text = BASE.replace('development', 'production');
    expect(runRule(missingRequired, text, { profile: 'development' })).toEqual([]);
    const findings = runRule(missingRequired, text, { profile: 'staging' });
    expect(findings.map((f) => [f.key, f.level])).toEqual([
      ['M1_REGION', 'info'],
      ['M1_ADMIN_JWT_SECRET', 'error'],
      ['REDIS_URL', 'error'],
    ]);
    expect(findings[1]?.message).toContain('required in staging');
  });

  it('offers a generated secret for a missing M1_ADMIN_JWT_SECRET, never safe', () => {
    const f = runRule(missingRequired, BASE, { profile: 'production' }).find((x) => x.key === 'M1_ADMIN_JWT_SECRET');
    const fix = f?.fixes[0];
    expect(fix).toMatchObject({ title: 'Generate a strong secret for M1_ADMIN_JWT_SECRET', safe: false });
    expect(fix?.edits[0]?.newText).toMatch(/^M1_ADMIN_JWT_SECRET=[A-Za-z0-9_-]{64}\n$/);
  });

  it('treats an empty value as missing and points at the key', () => {
    const [f] = runRule(missingRequired, 'NODE_ENV=development\nM1_API_BASE_URL=\nDATABASE_URL=postgres://db/m1\n');
    expect(f).toMatchObject({ key: 'M1_API_BASE_URL', level: 'error' });
    expect(f?.message).toContain('is empty');
    expect(f?.range).toEqual({ start: { line: 1, character: 0 }, end: { line: 1, character: 15 } });
  });

  it('fills an empty NODE_ENV in place', () => {
    const text = 'NODE_ENV=\n' + BASE.slice('NODE_ENV=development\n'.length);
    const [f] = runRule(missingRequired, text);
    expect(applyEdits(text, f?.fixes[0]?.edits ?? []).split('\n')[0]).toBe('NODE_ENV=development');
  });
});
