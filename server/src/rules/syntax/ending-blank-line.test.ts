import { describe, expect, it } from 'vitest';
import { runRule } from '../testing';
import { endingBlankLine } from './ending-blank-line';
import { applyFix } from './fix-test-helper';

describe('ending-blank-line', () => {
  it('says nothing about a file ending with one line break, or an empty file', () => {
    expect(runRule(endingBlankLine, 'A=1\n')).toEqual([]);
    expect(runRule(endingBlankLine, 'A=1\r\n')).toEqual([]);
    expect(runRule(endingBlankLine, '')).toEqual([]);
  });

  it('adds a missing final line break, in the file’s own style', () => {
    const [f] = runRule(endingBlankLine, 'A=1\r\nB=2');
    expect(f).toMatchObject({ rule: 'ending-blank-line', level: 'info' });
    expect(f?.range).toEqual({ start: { line: 1, character: 3 }, end: { line: 1, character: 3 } });
    expect(f?.fixes[0]?.safe).toBe(true);
    expect(applyFix(endingBlankLine, 'A=1\r\nB=2')).toBe('A=1\r\nB=2\r\n');
  });

  it('removes blank lines at the end', () => {
    const [f] = runRule(endingBlankLine, 'A=1\n\n  \n');
    expect(f?.message).toContain('ends with blank lines');
    expect(f?.range).toEqual({ start: { line: 1, character: 0 }, end: { line: 3, character: 0 } });
    expect(applyFix(endingBlankLine, 'A=1\n\n  \n')).toBe('A=1\n');
  });

  it('does not call the fix safe when the line break would give `KEY:` a value', () => {
    expect(runRule(endingBlankLine, 'A:')[0]?.fixes[0]?.safe).toBe(false);
  });
});
