import { expect, it } from 'vitest';
import { statusView } from './status';

const file = (counts: Partial<Record<'critical' | 'error' | 'warning' | 'info', number>>) => ({
  uri: 'file:///w/.env.production',
  profile: 'production',
  profileSource: 'file-name',
  counts: { critical: 0, error: 0, warning: 0, info: 0, ...counts },
});

it('shows the server state, then the profile and the worst problems of the active file', () => {
  expect(statusView('starting', undefined).text).toContain('sync~spin');
  expect(statusView('stopped', undefined)).toMatchObject({ text: '$(error) M1', alert: true });
  expect(statusView('running', undefined).text).toBe('$(check) M1');
  expect(statusView('running', file({})).text).toBe('$(check) M1 production');
  expect(statusView('running', file({ warning: 2 })).text).toBe('$(warning) M1 production: 2');
  expect(statusView('running', file({ critical: 1, error: 2, warning: 5 }))).toMatchObject({ text: '$(error) M1 production: 3', alert: true });
  expect(statusView('running', file({ error: 1 })).tooltip).toContain('1 errors');
});
