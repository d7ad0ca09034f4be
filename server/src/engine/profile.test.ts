import { describe, expect, it } from 'vitest';
import { parseEnv } from '../parser/parse';
import { profileFromFileName, resolveProfile } from './profile';

describe('profileFromFileName', () => {
  it.each([
    ['.env.production', 'production'],
    ['/srv/app/.env.staging', 'staging'],
    ['C:\\app\\.env.test', 'test'],
    ['.env.development', 'development'],
    ['.env.local', 'development'],
    ['.env.production.local', 'production'],
    ['.env', undefined],
    ['prod.env', undefined],
    ['.env.example', undefined],
  ])('%s -> %s', (name, profile) => {
    expect(profileFromFileName(name)).toBe(profile);
  });
});

describe('resolveProfile: explicit, then file name, then NODE_ENV, then development', () => {
  const withNodeEnv = parseEnv('NODE_ENV=staging\n');
  it('prefers an explicit profile', () => {
    expect(resolveProfile('.env.production', withNodeEnv, 'test')).toEqual({ profile: 'test', source: 'explicit' });
  });
  it('then the file-name suffix', () => {
    expect(resolveProfile('.env.production', withNodeEnv)).toEqual({ profile: 'production', source: 'file-name' });
    expect(resolveProfile('.env.local', withNodeEnv)).toEqual({ profile: 'development', source: 'file-name' });
  });
  it('then NODE_ENV in the file (the last one wins), when it names a profile', () => {
    expect(resolveProfile('.env', parseEnv('NODE_ENV=test\nNODE_ENV=staging'))).toEqual({ profile: 'staging', source: 'NODE_ENV' });
    expect(resolveProfile('.env', parseEnv('NODE_ENV=prod'))).toEqual({ profile: 'development', source: 'default' });
  });
  it('else development', () => {
    expect(resolveProfile('.env', parseEnv('PORT=1'))).toEqual({ profile: 'development', source: 'default' });
  });
});
