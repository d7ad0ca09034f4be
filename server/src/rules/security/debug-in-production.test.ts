import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../engine/apply-fixes';
import { runRule } from '../testing';
import { debugInProduction } from './debug-in-production';

describe('debug-in-production', () => {
  it.each(['true', '1', 'm1:*'])('reports DEBUG=%s in production with a fix that is offered, not safe (it changes a value)', (value) => {
    const text = `DEBUG=${value}`;
    const [f] = runRule(debugInProduction, text, { profile: 'production' });
    expect(f).toMatchObject({ rule: 'debug-in-production', level: 'error', key: 'DEBUG' });
    expect(f?.message).toContain(`DEBUG is on ("${value}") in production`);
    expect(f?.fixes[0]).toMatchObject({ safe: false, preferred: true });
    expect(applyEdits(text, f?.fixes[0]?.edits ?? [])).toBe('DEBUG=false');
  });
  it('allows debug output in development and off values in production', () => {
    expect(runRule(debugInProduction, 'DEBUG=true')).toEqual([]);
    expect(runRule(debugInProduction, 'DEBUG=false', { profile: 'production' })).toEqual([]);
    expect(runRule(debugInProduction, 'DEBUG=0', { profile: 'staging' })).toEqual([]);
  });
});
