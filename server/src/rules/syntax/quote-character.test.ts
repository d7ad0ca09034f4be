import { describe, expect, it } from 'vitest';
import { runRule } from '../testing';
import { applyFix } from './fix-test-helper';
import { quoteCharacter } from './quote-character';

describe('quote-character', () => {
  it('says nothing about unquoted values and quotes that carry meaning', () => {
    const text = ['A=plain', 'B="two words"', "C='a#b'", 'D="${X}"', 'E="a\\nb"', 'F=""', 'G="k=v"', "H='it\"s'"].join('\n');
    expect(runRule(quoteCharacter, text)).toEqual([]);
  });

  it('reports needless quotes of every kind on the value, with a safe fix', () => {
    const text = 'A="plain"\nB=\'x\'\nC=`y` # c\n';
    const fs = runRule(quoteCharacter, text);
    expect(fs.map((f) => [f.key, f.level, f.range.start.character, f.range.end.character])).toEqual([
      ['A', 'info', 2, 9],
      ['B', 'info', 2, 5],
      ['C', 'info', 2, 5],
    ]);
    expect(fs[0]?.message).not.toContain('plain');
    expect(fs[0]?.fixes[0]?.safe).toBe(true);
    expect(applyFix(quoteCharacter, text, 2)).toBe('A="plain"\nB=\'x\'\nC=y # c\n');
  });
});
