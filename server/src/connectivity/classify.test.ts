import { describe, expect, it } from 'vitest';
import { classify } from './classify';
import { hostPort, scrub } from './target';
import { healthUrl } from './http-health';
import { withoutSslModeWarning } from './postgres';

function sysError(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

describe('classify', () => {
  it.each([
    [sysError('ECONNREFUSED'), 'refused'],
    [new TypeError('fetch failed', { cause: sysError('ENOTFOUND') }), 'dns'],
    [sysError('EAI_AGAIN'), 'dns'],
    [new TypeError('fetch failed', { cause: sysError('UND_ERR_CONNECT_TIMEOUT') }), 'timeout'],
    [new DOMException('The operation was aborted due to timeout', 'TimeoutError'), 'timeout'],
    [new Error('Connection terminated due to connection timeout'), 'timeout'],
    [sysError('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'), 'tls'],
    [sysError('ERR_SSL_WRONG_VERSION_NUMBER'), 'tls'],
    [new Error('The server does not support SSL connections'), 'tls'],
    [sysError('28P01', 'password authentication failed for user "app"'), 'authentication'],
    [sysError('28000', 'role "x" does not exist'), 'authentication'],
    [new Error('WRONGPASS invalid username-password pair'), 'authentication'],
    [new Error('NOAUTH Authentication required.'), 'authentication'],
    [new AggregateError([sysError('ECONNREFUSED'), sysError('ECONNREFUSED')]), 'refused'],
    [sysError('ECONNRESET'), 'reset'],
    [new Error('socket hang up'), 'reset'],
    [sysError('ERR_TOO_MANY_REDIRECTS'), 'other'],
    ['a string', 'other'],
  ])('%s → %s', (err, cause) => {
    expect(classify(err).cause).toBe(cause);
  });

  it('gives an error code as detail, never a driver message', () => {
    expect(classify(sysError('ECONNRESET', 'read ECONNRESET redis://:pw@h'))).toEqual({ cause: 'reset', detail: 'ECONNRESET' });
  });
});

describe('targets', () => {
  it('names host:port with default ports and no user info', () => {
    expect(hostPort(new URL('redis://:pw@cache:6380/0'))).toBe('cache:6380');
    expect(hostPort(new URL('rediss://u:pw@cache'))).toBe('cache:6379');
    expect(hostPort(new URL('postgres://u:pw@[::1]/db'))).toBe('[::1]:5432');
    expect(hostPort(new URL('https://api.example.com/v1'))).toBe('api.example.com:443');
  });

  it('scrubs raw, decoded and encoded forms of a secret', () => {
    expect(scrub('a p%40ss b p@ss c', ['p%40ss'])).toBe('a **** b **** c');
  });

  it('puts healthz under the base path', () => {
    expect(healthUrl(new URL('https://h/v1?x=1')).href).toBe('https://h/v1/healthz');
    expect(healthUrl(new URL('https://h/')).href).toBe('https://h/healthz');
  });

  it('asks pg for verify-full instead of the modes it aliases to it', () => {
    expect(withoutSslModeWarning(new URL('postgres://h/db?sslmode=require'))).toBe('postgres://h/db?sslmode=verify-full');
    expect(withoutSslModeWarning(new URL('postgres://h/db?sslmode=disable'))).toBe('postgres://h/db?sslmode=disable');
    expect(withoutSslModeWarning(new URL('postgres://h/db?sslmode=require&uselibpqcompat=true'))).toContain('sslmode=require');
  });
});
