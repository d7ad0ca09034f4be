import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../engine/apply-fixes';
import { runRule } from '../testing';
import { algorithmNone } from './algorithm-none';

describe('algorithm-none', () => {
  it('is critical in every profile, whatever the case', () => {
    const text = 'JWT_ALGORITHM=None';
    const [f] = runRule(algorithmNone, text);
    expect(f).toMatchObject({ rule: 'algorithm-none', level: 'critical', key: 'JWT_ALGORITHM' });
    expect(f?.message).toMatch(/^Critical: JWT_ALGORITHM is none: unsigned tokens are accepted.*Use a signing algorithm/);
    expect(f?.fixes[0]).toMatchObject({ title: 'Change JWT_ALGORITHM to HS256', safe: false });
    expect(applyEdits(text, f?.fixes[0]?.edits ?? [])).toBe('JWT_ALGORITHM=HS256');
  });
  it('ignores real algorithms', () => {
    expect(runRule(algorithmNone, 'JWT_ALGORITHM=HS256')).toEqual([]);
  });
});
