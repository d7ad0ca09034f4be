import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../engine/apply-fixes';
import { runRule } from '../testing';
import { failOpen } from './fail-open';

describe('fail-open', () => {
  it('is critical in production with an unsafe fix to false', () => {
    const text = 'TOKEN_REVOCATION_FAIL_OPEN=true';
    const [f] = runRule(failOpen, text, { profile: 'staging' });
    expect(f).toMatchObject({ rule: 'fail-open', level: 'critical', key: 'TOKEN_REVOCATION_FAIL_OPEN' });
    expect(f?.message).toMatch(/^Critical: TOKEN_REVOCATION_FAIL_OPEN is true in staging: .*Set it to false \(fail closed\)/);
    expect(f?.fixes[0]?.safe).toBe(false);
    expect(applyEdits(text, f?.fixes[0]?.edits ?? [])).toBe('TOKEN_REVOCATION_FAIL_OPEN=false');
    expect(runRule(failOpen, 'TOKEN_REVOCATION_FAIL_OPEN=1', { profile: 'production' })).toHaveLength(1);
  });
  it('is allowed in development and quiet when false', () => {
    expect(runRule(failOpen, 'TOKEN_REVOCATION_FAIL_OPEN=true')).toEqual([]);
    expect(runRule(failOpen, 'TOKEN_REVOCATION_FAIL_OPEN=false', { profile: 'production' })).toEqual([]);
  });
});
