import { describe, expect, it } from 'vitest';
import { runRule } from '../testing';
import { corsWildcard } from './cors-wildcard';

describe('cors-wildcard', () => {
  it('reports * in production, alone or in a list', () => {
    for (const value of ['*', 'https://a.example.com, *']) {
      const [f] = runRule(corsWildcard, `CORS_ORIGINS=${value}`, { profile: 'production' });
      expect(f).toMatchObject({ rule: 'cors-wildcard', level: 'error', key: 'CORS_ORIGINS', fixes: [] });
      expect(f?.message).toContain('List the allowed origins instead');
    }
  });
  it('allows * in development and explicit origins in production', () => {
    expect(runRule(corsWildcard, 'CORS_ORIGINS=*')).toEqual([]);
    expect(runRule(corsWildcard, 'CORS_ORIGINS=https://a.example.com', { profile: 'production' })).toEqual([]);
  });
});
