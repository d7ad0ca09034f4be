import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings } from './settings';

describe('parseSettings', () => {
  it('fills every default from nothing', () => {
    expect(parseSettings(undefined)).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
    expect(DEFAULT_SETTINGS).toEqual({
      service: { url: 'http://localhost:3000' },
      validation: { profile: 'auto', connectivity: 'off', rules: {}, schema: 'auto', m1Files: [], dialect: 'auto' },
      trace: { server: 'off' },
    });
  });

  it('keeps good values', () => {
    const raw = {
      service: { url: '' },
      validation: { profile: 'staging', connectivity: 'onSave', rules: { 'unordered-key': 'info', 'extra-blank-line': 'off' }, schema: 'generic', m1Files: ['deploy/**'], dialect: 'compose' },
      trace: { server: 'verbose' },
    };
    expect(parseSettings(raw)).toEqual({ settings: raw, problems: [] });
  });

  it('replaces each bad value by its default, keeps the rest, and names each problem', () => {
    const { settings, problems } = parseSettings({
      service: { url: 'ftp://x' },
      validation: { profile: 'prod', rules: { 'weak-secret': 'fatal', 'no-such-rule': 'off', 'unordered-key': 'warning' } },
      trace: { server: 'verbose' },
    });
    expect(settings.service.url).toBe('http://localhost:3000');
    expect(settings.validation.profile).toBe('auto');
    expect(settings.validation.rules).toEqual({ 'unordered-key': 'warning' });
    expect(settings.trace.server).toBe('verbose');
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'm1ops.service.url',
      'm1ops.validation.profile',
      'm1ops.validation.rules.no-such-rule',
      'm1ops.validation.rules.weak-secret',
    ]);
    expect(problems.every((p) => p.endsWith('using the default'))).toBe(true);
  });

  it('survives anything a client may send', () => {
    for (const raw of ['x', 42, null, [], { validation: 'x' }, { validation: { rules: [] } }]) {
      expect(parseSettings(raw).settings.validation.profile).toBe('auto');
    }
    expect(parseSettings('x').problems).toHaveLength(1);
  });
});
