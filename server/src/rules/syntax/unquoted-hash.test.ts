import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../parser/parse';
import { runRule } from '../testing';
import { applyFix } from './fix-test-helper';
import { unquotedHash } from './unquoted-hash';

describe('unquoted-hash', () => {
  it('says nothing about quoted values and comments after a blank', () => {
    expect(runRule(unquotedHash, 'A="abc#123"\nB=abc # comment\nC=x\n# full line\n')).toEqual([]);
  });

  it('reports a # glued to the value, pointing at what dotenv drops', () => {
    const text = 'PASSWORD=abc#123\n';
    expect(parseEnv(text).values.PASSWORD).toBe('abc');
    const [f] = runRule(unquotedHash, text);
    expect(f).toMatchObject({ rule: 'unquoted-hash', level: 'warning', key: 'PASSWORD' });
    expect(f?.message).not.toContain('abc');
    expect(f?.message).not.toContain('123');
    expect(f?.range).toEqual({ start: { line: 0, character: 12 }, end: { line: 0, character: 16 } });
    // A credential never changes through a bulk fix: offered, not safe.
    expect(f?.fixes[0]?.safe).toBe(false);
    const fixed = applyFix(unquotedHash, text);
    expect(fixed).toBe("PASSWORD='abc#123'\n");
    expect(parseEnv(fixed).values.PASSWORD).toBe('abc#123');
  });

  it('offers the fix for a key that holds no credential, never safe (it changes what dotenv reads)', () => {
    const [f] = runRule(unquotedHash, 'RELEASE_TAG=abc#123\n');
    expect(f?.fixes[0]?.safe).toBe(false);
    expect(applyFix(unquotedHash, 'RELEASE_TAG=abc#123\n')).toBe("RELEASE_TAG='abc#123'\n");
  });

  it('keeps a later comment that follows a blank', () => {
    expect(applyFix(unquotedHash, 'A=abc#1 # note\n')).toBe("A='abc#1' # note\n");
  });

  it('offers an unsafe fix for a value that starts with #', () => {
    const [f] = runRule(unquotedHash, 'COLOR=#fff\n');
    expect(f?.message).toContain('is empty');
    expect(f?.fixes[0]?.safe).toBe(false);
    expect(applyFix(unquotedHash, 'COLOR=#fff\n')).toBe("COLOR='#fff'\n");
  });
});
