import { describe, expect, it } from 'vitest';
import { runRule } from '../testing';
import { applyFix } from './fix-test-helper';
import { unorderedKey } from './unordered-key';

describe('unordered-key', () => {
  it('is off by default', () => {
    expect(unorderedKey.defaultOff).toBe(true);
  });

  it('says nothing about sorted groups, and groups end at blank lines', () => {
    expect(runRule(unorderedKey, 'A=1\nB=2\n\nA2=3\n')).toEqual([]);
  });

  it('reports a key out of order and names where it belongs', () => {
    const fs = runRule(unorderedKey, 'FOO=1\nBAR=2\nDDD=3\nZOO=4\n');
    expect(fs.map((f) => [f.key, f.message.slice(0, 30), f.range.start.line])).toEqual([
      ['BAR', 'BAR should go before FOO: the ', 1],
      ['DDD', 'DDD should go before FOO: the ', 2],
    ]);
    expect(fs[0]?.level).toBe('info');
  });

  it('moves the line with an unsafe fix', () => {
    const text = 'B=1\nC=2\nA="x\ny"';
    const f = runRule(unorderedKey, text)[0];
    expect(f?.fixes[0]?.safe).toBe(false);
    expect(applyFix(unorderedKey, text)).toBe('A="x\ny"\nB=1\nC=2');
  });

  it('starts a new group at a key that refers to one of its group', () => {
    expect(runRule(unorderedKey, 'HOST=x\nURL=$HOST\nAPI=1\n')).toEqual([]);
  });
});
