import { describe, expect, it } from 'vitest';
import { runRule } from '../testing';
import { applyFix } from './fix-test-helper';
import { lowercaseKey } from './lowercase-key';

describe('lowercase-key', () => {
  it('says nothing about upper-case keys', () => {
    expect(runRule(lowercaseKey, 'API_URL=x\nPORT_2=1\n')).toEqual([]);
  });

  it('reports lower-case letters on the key with an unsafe rename', () => {
    const [f] = runRule(lowercaseKey, 'api_Url=x\n');
    expect(f).toMatchObject({ rule: 'lowercase-key', level: 'info', key: 'api_Url' });
    expect(f?.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 7 } });
    expect(f?.fixes[0]).toMatchObject({ title: 'Rename to API_URL', safe: false });
    expect(applyFix(lowercaseKey, 'export api_url=x\n')).toBe('export API_URL=x\n');
  });

  it('mentions an upper-case twin already in the file', () => {
    expect(runRule(lowercaseKey, 'port=1\nPORT=2\n')[0]?.message).toContain('PORT is also set in this file');
  });
});
