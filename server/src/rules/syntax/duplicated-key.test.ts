import { describe, expect, it } from 'vitest';
import { runRule } from '../testing';
import { duplicatedKey } from './duplicated-key';
import { applyFix } from './fix-test-helper';

describe('duplicated-key', () => {
  it('says nothing when every key is set once', () => {
    expect(runRule(duplicatedKey, 'A=1\nB=2\n')).toEqual([]);
  });

  it('flags the overridden line, says which line wins, and marks it unnecessary', () => {
    const [f, ...rest] = runRule(duplicatedKey, 'A=1 # old\nB=2\nA=3\n');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ rule: 'duplicated-key', level: 'warning', key: 'A', unnecessary: true });
    expect(f?.message).toContain('set again on line 3');
    expect(f?.message).not.toContain('1 # old');
    expect(f?.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 9 } });
    expect(f?.fixes[0]).toMatchObject({ safe: true, preferred: true });
  });

  it('removes the overridden line, or keeps it and removes the others', () => {
    expect(applyFix(duplicatedKey, 'A=1\nB=2\nA=3\n')).toBe('B=2\nA=3\n');
    expect(applyFix(duplicatedKey, 'A=1\nB=2\nA=3', 0, 1)).toBe('A=1\nB=2');
  });

  it('removes a multi-line value entirely and flags every earlier duplicate', () => {
    const text = 'K="a\nb"\nK=2\nK=3\n';
    expect(runRule(duplicatedKey, text)).toHaveLength(2);
    expect(applyFix(duplicatedKey, text)).toBe('K=2\nK=3\n');
  });

  it('does not call the removal safe when expansion order could matter', () => {
    expect(runRule(duplicatedKey, 'A=1\nB=${A}\nA=2\n')[0]?.fixes[0]?.safe).toBe(false);
    // C moves after A: ${A:+y} would start to see A.
    expect(runRule(duplicatedKey, 'C=\nA=A\nC=${A:+y}\n')[0]?.fixes[0]?.safe).toBe(false);
  });
});
