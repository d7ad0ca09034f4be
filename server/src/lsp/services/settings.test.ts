import { describe, expect, it } from 'vitest';
import { SettingsStore } from './settings';

function store(raw: () => unknown) {
  const reported: string[] = [];
  let fetches = 0;
  const s = new SettingsStore({
    fetch: () => {
      fetches++;
      return Promise.resolve(raw());
    },
    report: (p) => reported.push(p),
  });
  return { s, reported, fetches: () => fetches };
}

describe('SettingsStore', () => {
  it('replaces a bad value by its default and reports it once across reloads', async () => {
    const t = store(() => ({ validation: { connectivity: 'always', profile: 'production' } }));
    const first = await t.s.get('file:///a/.env');
    expect(first.validation.connectivity).toBe('off');
    expect(first.validation.profile).toBe('production');
    t.s.invalidate();
    await t.s.get('file:///a/.env');
    await t.s.get('file:///b/.env');
    expect(t.reported).toHaveLength(1);
    expect(t.reported[0]).toContain('m1ops.validation.connectivity');
  });

  it('fetches once per scope until invalidated', async () => {
    const t = store(() => ({}));
    await Promise.all([t.s.get('u'), t.s.get('u')]);
    expect(t.fetches()).toBe(1);
    t.s.invalidate();
    await t.s.get('u');
    expect(t.fetches()).toBe(2);
  });

  it('uses pushed settings when the client has no workspace/configuration', async () => {
    const t = store(() => undefined);
    t.s.invalidate({ validation: { profile: 'staging' } });
    expect((await t.s.get('u')).validation.profile).toBe('staging');
  });
});
