import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../engine/apply-fixes';
import { runRule } from '../testing';
import { tlsDisabled } from './tls-disabled';

describe('tls-disabled', () => {
  it('is a warning in development and critical in production, with a fix to 1', () => {
    const text = 'NODE_TLS_REJECT_UNAUTHORIZED=0';
    expect(runRule(tlsDisabled, text)[0]?.level).toBe('warning');
    const [f] = runRule(tlsDisabled, text, { profile: 'production' });
    expect(f).toMatchObject({ rule: 'tls-disabled', level: 'critical', key: 'NODE_TLS_REJECT_UNAUTHORIZED' });
    expect(f?.message).toMatch(/^Critical: .*Remove it or set it to 1; trust a private CA with NODE_EXTRA_CA_CERTS instead\.$/);
    expect(applyEdits(text, f?.fixes[0]?.edits ?? [])).toBe('NODE_TLS_REJECT_UNAUTHORIZED=1');
  });
  it('ignores 1 and an unset value', () => {
    expect(runRule(tlsDisabled, 'NODE_TLS_REJECT_UNAUTHORIZED=1\n', { profile: 'production' })).toEqual([]);
  });
});
