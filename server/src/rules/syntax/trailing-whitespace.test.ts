import { describe, expect, it } from 'vitest';
import { runRule } from '../testing';
import { applyFix } from './fix-test-helper';
import { trailingWhitespace } from './trailing-whitespace';

describe('trailing-whitespace', () => {
  it('says nothing about clean lines and a leading BOM', () => {
    expect(runRule(trailingWhitespace, '\uFEFF\nA=1\n# c\n\n')).toEqual([]);
  });

  it('reports blanks at the end of entry, comment and blank lines, with safe fixes', () => {
    const text = 'A=1  \n# c\t\n   \nB="x" \r\n';
    const fs = runRule(trailingWhitespace, text);
    expect(fs.map((f) => [f.range.start.line, f.range.start.character, f.range.end.character, f.fixes[0]?.safe])).toEqual([
      [0, 3, 5, true],
      [1, 3, 4, true],
      [2, 0, 3, true],
      [3, 5, 6, true],
    ]);
    expect(applyFix(trailingWhitespace, text, 3)).toBe('A=1  \n# c\t\n   \nB="x"\r\n');
  });

  it('leaves blanks inside a quoted multi-line value alone', () => {
    expect(runRule(trailingWhitespace, 'A="line one  \nline two"\n')).toEqual([]);
  });

  it('does not call it safe after `KEY:`, whose one blank keeps the next line out', () => {
    const [f] = runRule(trailingWhitespace, 'A: \nvalue\n');
    expect(f?.fixes[0]?.safe).toBe(false);
  });
});
