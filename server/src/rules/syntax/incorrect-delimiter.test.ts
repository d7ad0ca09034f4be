import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../parser/parse';
import { runRule } from '../testing';
import { applyFix } from './fix-test-helper';
import { incorrectDelimiter } from './incorrect-delimiter';

describe('incorrect-delimiter', () => {
  it('says nothing about letters, digits and _', () => {
    expect(runRule(incorrectDelimiter, 'FOO_BAR2=1\n_X=2\n')).toEqual([]);
  });

  it('reports - and . as info: dotenv reads them, shells and dotenv-expand cannot', () => {
    const [f, g] = runRule(incorrectDelimiter, 'FOO-BAR=1\napp.name=x\n');
    expect(f).toMatchObject({ rule: 'incorrect-delimiter', level: 'info', key: 'FOO-BAR' });
    expect(f?.message).toContain("contains '-'");
    expect(f?.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 7 } });
    expect(f?.fixes[0]).toMatchObject({ title: 'Rename to FOO_BAR', safe: false });
    expect(g?.key).toBe('app.name');
    expect(applyFix(incorrectDelimiter, 'FOO-BAR=1\n')).toBe('FOO_BAR=1\n');
  });

  it('leaves a bad first character to leading-character', () => {
    expect(runRule(incorrectDelimiter, '-FOO=1\n')).toEqual([]);
    expect(applyFix(incorrectDelimiter, '-FOO-BAR=1\n')).toBe('-FOO_BAR=1\n');
  });

  it('warns when dotenv drops the line because of a character inside the key', () => {
    const text = 'API KEY=abc\nDB@HOST = x\nPORT:=1\n';
    expect(parseEnv(text).entries).toEqual([]);
    const fs = runRule(incorrectDelimiter, text);
    expect(fs.map((f) => [f.level, f.unnecessary, f.range.start.line, f.range.end.character])).toEqual([
      ['warning', true, 0, 7],
      ['warning', true, 1, 7],
      ['warning', true, 2, 5],
    ]);
    expect(fs[0]?.message).not.toContain('API');
    expect(applyFix(incorrectDelimiter, text, 0)).toBe('API_KEY=abc\nDB@HOST = x\nPORT:=1\n');
    expect(applyFix(incorrectDelimiter, text, 1)).toBe('API KEY=abc\nDB_HOST = x\nPORT:=1\n');
    expect(applyFix(incorrectDelimiter, text, 2)).toBe('API KEY=abc\nDB@HOST = x\nPORT=1\n');
  });
});
