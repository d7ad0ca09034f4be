import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../parser/parse';
import { runRule } from '../testing';
import { applyFix } from './fix-test-helper';
import { leadingCharacter } from './leading-character';

describe('leading-character', () => {
  it('says nothing about keys starting with a letter or _', () => {
    expect(runRule(leadingCharacter, 'A=1\n_B=2\nexport C=3\n# x\n')).toEqual([]);
  });

  it('reports indentation as info with a safe fix', () => {
    const text = '  A=1\n\texport B=2\n';
    const fs = runRule(leadingCharacter, text);
    expect(fs.map((f) => [f.level, f.key, f.range.start.character, f.range.end.character])).toEqual([
      ['info', 'A', 0, 2],
      ['info', 'B', 0, 1],
    ]);
    expect(fs[0]?.fixes[0]?.safe).toBe(true);
    expect(applyFix(leadingCharacter, text)).toBe('A=1\n\texport B=2\n');
  });

  it('reports a key dotenv accepts but shells do not (digit, dot, dash) as info, with an unsafe rename', () => {
    const [f] = runRule(leadingCharacter, '1PORT=3000\n');
    expect(f).toMatchObject({ level: 'info', key: '1PORT' });
    expect(f?.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 5 } });
    expect(f?.fixes[0]).toMatchObject({ title: 'Rename to PORT', safe: false });
    expect(applyFix(leadingCharacter, '.env.KEY=1\n')).toBe('env.KEY=1\n');
    expect(runRule(leadingCharacter, '123=1')[0]?.fixes).toEqual([]);
  });

  it('warns when dotenv drops the line because of the first character', () => {
    const text = '*SECRET_TOKEN=abc\n';
    expect(parseEnv(text).entries).toEqual([]);
    const [f] = runRule(leadingCharacter, text);
    expect(f).toMatchObject({ level: 'warning', unnecessary: true });
    expect(f?.message).toContain('dotenv ignores the line');
    expect(f?.message).not.toContain('SECRET_TOKEN');
    expect(f?.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 13 } });
    expect(applyFix(leadingCharacter, text)).toBe('SECRET_TOKEN=abc\n');
  });

  it('warns about a line that starts with =', () => {
    const [f] = runRule(leadingCharacter, '=value\n');
    expect(f).toMatchObject({ level: 'warning', fixes: [] });
    expect(f?.message).toContain('has no key');
  });

  it('leaves keys with a bad character inside to incorrect-delimiter and bare keys to key-without-value', () => {
    expect(runRule(leadingCharacter, 'FOO BAR=1\n*FOO\n')).toEqual([]);
  });
});
