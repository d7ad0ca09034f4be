import { describe, expect, it } from 'vitest';
import { serviceStatusView } from './status-model';

const url = 'http://localhost:3000';

describe('serviceStatusView', () => {
  it('shows each state with what to do', () => {
    expect(serviceStatusView({ status: 'connected', since: 0 }, url, 0)).toEqual({
      text: '$(pulse) M1 service',
      tooltip: 'M1 service: connected to http://localhost:3000. Click to open Live Analytics.',
      alert: false,
    });
    const r = serviceStatusView({ status: 'reconnecting', attempt: 2, retryAt: 5_000, reason: 'ECONNREFUSED' }, url, 1_000);
    expect(r.text).toBe('$(debug-disconnect) M1 service');
    expect(r.tooltip).toContain('ECONNREFUSED; retrying in 4 s, attempt 2');
    expect(r.tooltip).toContain('"m1ops.service.url"');
    const u = serviceStatusView({ status: 'unauthorised', httpStatus: 403, reason: 'the token lacks the analytics:read scope (403)' }, url, 0);
    expect(u).toMatchObject({ alert: true });
    expect(u.tooltip).toContain('Run "M1: Set Admin Token" with a token that has analytics:read');
    expect(serviceStatusView({ status: 'off', reason: 'no admin token is set' }, url, 0).tooltip).toBe('M1 service: not connected (no admin token is set).');
  });
});
