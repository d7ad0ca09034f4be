import { describe, expect, it } from 'vitest';
import { decodeJwt, looksLikeJwt } from './jwt';

const enc = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (header: unknown, payload: unknown): string => `${enc(header)}.${enc(payload)}.c2ln`;

describe('decodeJwt', () => {
  it('reads header and claims without verifying, keeping extra claims', () => {
    const r = decodeJwt(jwt({ alg: 'HS256', typ: 'JWT' }, { jti: 'j1', sub: 'ann', exp: 2_000_000_000, tool: 'search', role: 'x' }));
    expect(r).toEqual({
      ok: true,
      value: { header: { alg: 'HS256', typ: 'JWT' }, claims: { jti: 'j1', sub: 'ann', exp: 2_000_000_000, tool: 'search', role: 'x' } },
    });
  });

  it('decodes UTF-8 claims', () => {
    const r = decodeJwt(jwt({ alg: 'none' }, { sub: 'zoë' }));
    expect(r.ok && r.value.claims.sub).toBe('zoë');
  });

  it.each([
    ['', /empty/],
    ['abc', /three base64url segments/],
    ['a.b', /three base64url segments/],
    ['a.b.c.d', /three base64url segments/],
    ['!!.e30.x', /three base64url segments/],
    [`${enc({ alg: 'HS256' })}.bm90IGpzb24.x`, /payload is not base64url-encoded JSON/],
    [`bm90IGpzb24.${enc({})}.x`, /header is not base64url-encoded JSON/],
    [jwt({ typ: 'JWT' }, {}), /header is invalid \(alg/],
    [jwt({ alg: 'HS256' }, { exp: 'tomorrow' }), /claims are invalid \(exp/],
    [jwt({ alg: 'HS256' }, [1, 2]), /claims are invalid/],
    ['x'.repeat(20_000), /longer than/],
  ])('refuses %#, saying why, without echoing the token', (token, reason) => {
    const r = decodeJwt(token);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toMatch(reason);
      if (token.length > 3) expect(r.reason).not.toContain(token);
    }
  });

  it('accepts an empty signature segment (alg none) in shape', () => {
    expect(looksLikeJwt(`${enc({ alg: 'none' })}.${enc({})}.`)).toBe(true);
  });
});
