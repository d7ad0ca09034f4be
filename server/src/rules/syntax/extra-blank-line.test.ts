import { describe, expect, it } from 'vitest';
import { runRule } from '../testing';
import { applyFix } from './fix-test-helper';
import { extraBlankLine } from './extra-blank-line';

describe('extra-blank-line', () => {
  it('says nothing about single blank lines, blank lines inside values, or blank lines at the end', () => {
    expect(runRule(extraBlankLine, 'A=1\n\nB=2\nC="x\n\n\ny"\n\n\n')).toEqual([]);
  });

  it('reports the extra lines of a run with a safe fix that keeps one', () => {
    const text = 'A=1\n\n  \n\r\nB=2\n';
    const [f, ...rest] = runRule(extraBlankLine, text);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ rule: 'extra-blank-line', level: 'info' });
    expect(f?.message).toContain('3 blank lines');
    expect(f?.range).toEqual({ start: { line: 2, character: 0 }, end: { line: 3, character: 0 } });
    expect(f?.fixes[0]?.safe).toBe(true);
    expect(applyFix(extraBlankLine, text)).toBe('A=1\n\nB=2\n');
  });

  it('reports blank lines at the start of the file', () => {
    expect(applyFix(extraBlankLine, '\n\nA=1\n')).toBe('\nA=1\n');
  });
});
