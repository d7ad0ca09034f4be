import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../parser/parse';
import { runRule } from '../testing';
import { applyFix } from './fix-test-helper';
import { spaceCharacter } from './space-character';

describe('space-character', () => {
  it('says nothing without blanks around =, or for `KEY: value`', () => {
    expect(runRule(spaceCharacter, 'A=1\nB=\nC: 3\nD= # only a comment\n')).toEqual([]);
  });

  it('reports blanks on either side with a safe fix', () => {
    const text = 'A = 1\nB =2\nC= "x"\n';
    const fs = runRule(spaceCharacter, text);
    expect(fs.map((f) => [f.key, f.level, f.range.start.character, f.range.end.character])).toEqual([
      ['A', 'info', 1, 4],
      ['B', 'info', 1, 3],
      ['C', 'info', 1, 3],
    ]);
    expect(fs.every((f) => f.fixes[0]?.safe === true)).toBe(true);
    expect(applyFix(spaceCharacter, text, 0)).toBe('A=1\nB =2\nC= "x"\n');
    expect(applyFix(spaceCharacter, text, 2)).toBe('A = 1\nB =2\nC="x"\n');
  });

  it('joins a key and its value spread over lines, keeping the value', () => {
    const text = 'KEY\n  =\n "v"\nNEXT=1\n';
    const fixed = applyFix(spaceCharacter, text);
    expect(fixed).toBe('KEY="v"\nNEXT=1\n');
    expect(parseEnv(fixed).values).toEqual(parseEnv(text).values);
  });
});
