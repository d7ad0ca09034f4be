import { describe, expect, it } from 'vitest';
import { displayableValue, isSecret, redactUrlsIn } from './redact';
import { JWT_SECRET, PORT, REDIS_URL } from './test-catalog';

describe('isSecret', () => {
  it('trusts the catalog for its variables, the name for the others', () => {
    expect(isSecret('JWT_SECRET', JWT_SECRET)).toBe(true);
    expect(isSecret('PORT', PORT)).toBe(false);
    expect(isSecret('DB_PASSWORD', undefined)).toBe(true);
    expect(isSecret('GITHUB_TOKEN', undefined)).toBe(true);
    expect(isSecret('FEATURE_FLAG', undefined)).toBe(false);
  });

  it('knows the same secret-looking names as the rules (shown by neither hover nor messages)', () => {
    for (const key of ['SMTP_PWD', 'AUTH_HEADER', 'BUGSNAG_DSN', 'KEY', 'STRIPE_API_KEY', 'DB_PASSWD']) expect(isSecret(key, undefined), key).toBe(true);
  });
});

describe('displayableValue', () => {
  it('masks URL credentials, and hides a URL whose password the redactor cannot locate', () => {
    expect(displayableValue('postgres://app:pw@db/x', REDIS_URL, [])).toBe('postgres://app:****@db/x');
    expect(displayableValue('redis://u:pa/ss@h', REDIS_URL, [])).toBeUndefined();
  });

  it('hides a value that contains a secret of the document', () => {
    expect(displayableValue('Bearer abcdefgh', undefined, ['abcdefgh'])).toBeUndefined();
    expect(displayableValue('plain', undefined, ['abcdefgh'])).toBe('plain');
  });
});

it('masks credentials of every URL in an error message', () => {
  expect(redactUrlsIn('connect to redis://:topsecret@h:1 failed')).toBe('connect to redis://:****@h:1 failed');
});
