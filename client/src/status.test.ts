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

it('says whether the file is an M1 config or got the generic rules, and why', () => {
  const m1 = { ...file({}), schema: 'm1' as const, schemaReason: 'sets M1_API_BASE_URL', dialect: 'node', dialectReason: 'default' };
  expect(statusView('running', m1).tooltip).toContain('M1 config (sets M1_API_BASE_URL)');
  const generic = { ...file({ warning: 1 }), schema: 'generic' as const, schemaReason: 'no M1_* variable', dialect: 'compose', dialectReason: 'compose.yaml beside it' };
  expect(statusView('running', generic).text).toBe('$(warning) M1 generic: 1');
  expect(statusView('running', generic).tooltip).toContain('generic rules, not an M1 config (no M1_* variable); compose dialect (compose.yaml beside it)');
});
