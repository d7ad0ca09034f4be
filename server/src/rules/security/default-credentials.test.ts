import { describe, expect, it } from 'vitest';
import { runRule } from '../testing';
import { defaultCredentials } from './default-credentials';

const prod = { profile: 'production' as const };

describe('default-credentials', () => {
  it.each([
    ['postgres://postgres:postgres@db/m1', 'uses a well-known default password'],
    ['postgres://m1:password@db/m1', 'uses a well-known default password'],
    ['postgres://m1:m1@db/m1', 'uses a well-known default password'],
    ['postgres://m1@db/m1', 'has no password'],
    ['postgres://m1:@localhost/m1', 'has no password'],
  ])('reports %s in production', (url, problem) => {
    const [f] = runRule(defaultCredentials, `DATABASE_URL=${url}`, prod);
    expect(f).toMatchObject({ rule: 'default-credentials', level: 'error', key: 'DATABASE_URL' });
    expect(f?.message).toBe(`DATABASE_URL ${problem} in production: anyone who can reach the database can log in. Create a dedicated database user with a generated password and put it in the URL.`);
  });

  it('accepts a real password, and anything in development', () => {
    expect(runRule(defaultCredentials, 'DATABASE_URL=postgres://m1:Xk3-long-random@db/m1', prod)).toEqual([]);
    expect(runRule(defaultCredentials, 'DATABASE_URL=postgres://postgres:postgres@db/m1')).toEqual([]);
  });

  it('warns about Redis without a password on another host only', () => {
    const [f] = runRule(defaultCredentials, 'REDIS_URL=rediss://cache.internal:6380', prod);
    expect(f).toMatchObject({ level: 'warning', key: 'REDIS_URL' });
    expect(f?.message).toContain('Enable Redis authentication');
    expect(runRule(defaultCredentials, 'REDIS_URL=redis://localhost:6379', prod)).toEqual([]);
    expect(runRule(defaultCredentials, 'REDIS_URL=rediss://:pw@cache.internal:6380', prod)).toEqual([]);
  });
});
