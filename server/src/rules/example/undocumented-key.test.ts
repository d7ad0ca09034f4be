import { describe, expect, it } from 'vitest';
import { runRule } from '../testing';
import { undocumentedKey } from './undocumented-key';

describe('undocumented-key', () => {
  it('reports keys the example lacks as info on the key', () => {
    const findings = runRule(undocumentedKey, 'PORT=1\nSECRET_TOKEN=abc', { exampleText: 'PORT=3000' });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'undocumented-key', level: 'info', key: 'SECRET_TOKEN', fixes: [] });
    expect(findings[0]?.range).toEqual({ start: { line: 1, character: 0 }, end: { line: 1, character: 12 } });
    expect(findings[0]?.message).toBe('SECRET_TOKEN is not in the example file: add it there (with a placeholder value) so that others know it exists.');
  });
  it('says nothing without an example', () => {
    expect(runRule(undocumentedKey, 'A=1')).toEqual([]);
  });
});
