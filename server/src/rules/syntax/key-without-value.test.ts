import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../parser/parse';
import { runRule } from '../testing';
import { applyFix } from './fix-test-helper';
import { keyWithoutValue } from './key-without-value';

describe('key-without-value', () => {
  it('says nothing about entries, empty values, comments and blank lines', () => {
    expect(runRule(keyWithoutValue, 'A=1\nB=\n# note\n\n  \n')).toEqual([]);
  });

  it('does not flag a key whose `=` is on the next line: dotenv joins them', () => {
    expect(runRule(keyWithoutValue, 'KEY\n=value\n')).toEqual([]);
  });

  it('flags a bare key as a dropped line', () => {
    const [f] = runRule(keyWithoutValue, 'A=1\n  API_KEY  \n');
    expect(f).toMatchObject({ rule: 'key-without-value', level: 'warning', unnecessary: true });
    expect(f?.range).toEqual({ start: { line: 1, character: 0 }, end: { line: 1, character: 11 } });
    expect(f?.message).toContain('dotenv ignores it');
    expect(f?.message).not.toContain('API_KEY');
    expect(f?.fixes[0]?.safe).toBe(false);
  });

  it('adds the `=` so that dotenv reads the line', () => {
    expect(applyFix(keyWithoutValue, 'API_KEY\n')).toBe('API_KEY=\n');
    expect(applyFix(keyWithoutValue, 'export API_KEY\n')).toBe('export API_KEY=\n');
    expect(applyFix(keyWithoutValue, 'HOST:db\n')).toBe('HOST=db\n');
    const fixed = applyFix(keyWithoutValue, 'HOST db\n');
    expect(fixed).toBe('HOST=db\n');
    expect(parseEnv(fixed).values.HOST).toBe('db');
  });
});
