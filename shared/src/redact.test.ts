import { describe, expect, it } from 'vitest';
import { redactUrl } from './redact';

describe('redactUrl', () => {
  it('replaces the password and keeps everything else as written', () => {
    expect(redactUrl('postgres://app:s3cr3t@DB.example.com:5432/m1?sslmode=require')).toBe('postgres://app:****@DB.example.com:5432/m1?sslmode=require');
    expect(redactUrl('redis://:hunter2@10.0.0.5:6379/0')).toBe('redis://:****@10.0.0.5:6379/0');
  });
  it('hides a password containing an unencoded @ or :', () => {
    expect(redactUrl('redis://default:p@ss:w@rd@cache:6379')).toBe('redis://default:****@cache:6379');
  });
  it('leaves URLs without a password alone', () => {
    expect(redactUrl('https://api.example.com/v1')).toBe('https://api.example.com/v1');
    expect(redactUrl('postgres://postgres@localhost/db')).toBe('postgres://postgres@localhost/db');
    expect(redactUrl('postgres://postgres:@localhost/db')).toBe('postgres://postgres:@localhost/db');
    expect(redactUrl('not a url :pw@x')).toBe('not a url :pw@x');
  });
  it('hides the user name on request (the SENTRY_DSN key)', () => {
    expect(redactUrl('https://abc123@o1.ingest.sentry.io/42', { username: true })).toBe('https://****@o1.ingest.sentry.io/42');
  });
  it('does not take an @ in the path for user info', () => {
    expect(redactUrl('https://host/a@b')).toBe('https://host/a@b');
  });
});
