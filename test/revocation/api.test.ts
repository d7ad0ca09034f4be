// The /v1/tokens/* API over real HTTP, two service instances on one Redis (the suite's shared one,
// under a unique key prefix): RFC 7009 revoke (JSON and form), revoke-all, status, RFC 7662
// introspect, audit with filters and pagination, scopes, bad input.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signAdminToken } from '../../service/src/http/auth';
import { startTestService, TEST_SECRET, type TestService } from '../service/harness';
import { appToken, get, post, unsignedToken } from './api-client';
import { uniquePrefix } from './helpers';

let a: TestService;
let b: TestService;
let admin: string;
const dataDir = mkdtempSync(join(tmpdir(), 'm1-rev-api-'));

beforeAll(async () => {
  const env = { REDIS_URL: inject('redisUrl'), REDIS_KEY_PREFIX: uniquePrefix('api').slice(0, 32), M1_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  [a, b] = await Promise.all([startTestService(env), startTestService(env)]);
  admin = await a.token();
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
  rmSync(dataDir, { recursive: true, force: true });
});

const adminAs = (sub: string, scopes = ['tokens:revoke', 'tokens:read', 'tokens:audit']): Promise<string> =>
  signAdminToken(TEST_SECRET, { sub, scopes, ttlS: 600 });

describe('revoke', () => {
  it('revokes a JWT on A; B reports it revoked, with the decoded record', async () => {
    const jti = randomUUID();
    const exp = Math.floor(Date.now() / 1000) + 600;
    const token = await appToken({ jti, sub: 'dora', tool: 'search', exp });
    const r = await post(`${a.url}/v1/tokens/revoke`, admin, { token, reason: 'laptop stolen' });
    expect(r).toMatchObject({ status: 200, body: { revoked: true, jti } });
    expect(r.headers.get('cache-control')).toBe('no-store');
    const s = await get(`${b.url}/v1/tokens/${jti}`, admin);
    expect(s.status).toBe(200);
    expect(s.body).toEqual({
      revoked: true,
      record: {
        jti,
        sub: 'dora',
        tool: 'search',
        reason: 'laptop stolen',
        actor: 'test-admin',
        revokedAt: expect.any(String) as unknown,
        expiresAt: new Date(exp * 1000).toISOString(),
      },
    });
  });

  it('accepts the RFC 7009 form-encoded shape', async () => {
    const jti = randomUUID();
    const token = await appToken({ jti, sub: 'eve' });
    const r = await post(`${a.url}/v1/tokens/revoke`, admin, { token, token_type_hint: 'access_token' }, 'application/x-www-form-urlencoded');
    expect(r).toMatchObject({ status: 200, body: { revoked: true, jti } });
    expect((await get(`${a.url}/v1/tokens/${jti}`, admin)).body).toMatchObject({ revoked: true, record: { sub: 'eve', reason: null } });
  });

  it('succeeds for an unknown jti given directly, with and without exp', async () => {
    const jti = `unknown-${randomUUID()}`;
    expect(await post(`${a.url}/v1/tokens/revoke`, admin, { jti, reason: 'precaution', tool: 'deploy' })).toMatchObject({ status: 200, body: { revoked: true, jti } });
    expect((await get(`${a.url}/v1/tokens/${jti}`, admin)).body).toMatchObject({ revoked: true, record: { tool: 'deploy', expiresAt: null } });
    const exp = Math.floor(Date.now() / 1000) + 60;
    expect((await post(`${a.url}/v1/tokens/revoke`, admin, { jti: `${jti}-2`, exp })).status).toBe(200);
  });

  it('accepts a token whose exp is past, records nothing to enforce, audits it', async () => {
    const jti = randomUUID();
    const token = await appToken({ jti, sub: 'old', iat: 1_000_000, exp: 1_000_600 });
    expect(await post(`${a.url}/v1/tokens/revoke`, admin, { token })).toMatchObject({ status: 200, body: { revoked: true, jti } });
    const audit = await get(`${a.url}/v1/tokens/audit?sub=old`, admin);
    expect(audit.body).toMatchObject({ entries: [{ action: 'revoke', jti, detail: expect.stringMatching(/already expired/) as unknown }] });
  });

  it.each([
    ['a token without jti', async () => ({ token: await appToken({ sub: 'x' }) }), 'missing_jti', /no `jti` claim.*revoke-all/],
    ['a malformed JWT', () => Promise.resolve({ token: 'not.a.jwt!' }), 'malformed_token', /not a JWT/],
    ['a JWT whose payload is not JSON', () => Promise.resolve({ token: 'eyJhbGciOiJIUzI1NiJ9.bm9wZQ.sig' }), 'malformed_token', /payload is not/],
    ['neither token nor jti', () => Promise.resolve({ reason: 'x' }), 'invalid_revocation', /token: give either/],
    ['both token and jti', () => Promise.resolve({ token: 'a.b.c', jti: 'j' }), 'invalid_revocation', /not both/],
    ['a numeric jti', () => Promise.resolve({ jti: 42 }), 'invalid_revocation', /jti/],
  ])('400s %s, explaining', async (_name, body, code, message) => {
    const r = await post(`${a.url}/v1/tokens/revoke`, admin, await body());
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ error: { code, message: expect.stringMatching(message) as unknown, issues: expect.any(Array) as unknown } });
  });

  it('says what to send for a form body labelled JSON, and 415s other types', async () => {
    const r = await post(`${a.url}/v1/tokens/revoke`, admin, 'token=abc.def.ghi&token_type_hint=access_token', 'application/json');
    expect(r).toMatchObject({ status: 400, body: { error: { code: 'wrong_content_type', message: expect.stringMatching(/x-www-form-urlencoded/) as unknown } } });
    const t = await post(`${a.url}/v1/tokens/revoke`, admin, 'token=abc', 'text/plain');
    expect(t).toMatchObject({ status: 415, body: { error: { code: 'unsupported_media_type' } } });
  });

  it('never echoes the token in an error', async () => {
    const token = await appToken({ sub: 'secretive' });
    const r = await post(`${a.url}/v1/tokens/revoke`, admin, { token });
    expect(JSON.stringify(r.body)).not.toContain(token);
    expect(a.logs.join('')).not.toContain(token);
  });
});

describe('scopes', () => {
  it('401s without a token (with WWW-Authenticate) and 403s without the scope', async () => {
    const none = await post(`${a.url}/v1/tokens/revoke`, null, { jti: 'x' });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const reader = await adminAs('reader', ['tokens:read']);
    expect((await post(`${a.url}/v1/tokens/revoke`, reader, { jti: 'x' })).status).toBe(403);
    expect((await post(`${a.url}/v1/tokens/revoke-all`, reader, { sub: 'x', reason: 'r' })).status).toBe(403);
    expect((await get(`${a.url}/v1/tokens/audit`, reader)).status).toBe(403);
    expect((await get(`${a.url}/v1/tokens/x`, await adminAs('w', ['tokens:revoke']))).status).toBe(403);
  });

  it('a revoked admin token loses access', async () => {
    const victim = await adminAs('leaky-admin');
    expect((await get(`${a.url}/v1/tokens/nothing`, victim)).status).toBe(200);
    expect((await post(`${a.url}/v1/tokens/revoke`, admin, { token: victim, reason: 'admin token leaked' })).status).toBe(200);
    const r = await get(`${b.url}/v1/tokens/nothing`, victim);
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ error: { message: expect.stringMatching(/revoked/) as unknown } });
  });
});

describe('introspect', () => {
  it('is active for a valid token, inactive once revoked, and on the other instance too', async () => {
    const jti = randomUUID();
    const token = await appToken({ jti, sub: 'fay', tool: 'search' });
    const before = await post(`${b.url}/v1/tokens/introspect`, admin, { token });
    expect(before.body).toMatchObject({ active: true, sub: 'fay', jti, tool: 'search', exp: expect.any(Number) as unknown });
    await post(`${a.url}/v1/tokens/revoke`, admin, { token });
    const revokedHere = await post(`${a.url}/v1/tokens/introspect`, admin, { token }, 'application/json');
    expect(revokedHere.body).toEqual({ active: false });
    const form = await post(`${a.url}/v1/tokens/introspect`, admin, { token }, 'application/x-www-form-urlencoded');
    expect(form.body).toEqual({ active: false });
  });

  it.each([
    ['alg: none', () => Promise.resolve(unsignedToken({ jti: 'n', sub: 'mallory', exp: Math.floor(Date.now() / 1000) + 600 }))],
    ['expired', () => appToken({ jti: randomUUID(), sub: 'x', iat: 1_000_000, exp: 1_000_060 })],
    ['a bad signature', async () => (await appToken({ jti: randomUUID(), sub: 'x' })).slice(0, -4) + 'AAAA'],
    ['garbage', () => Promise.resolve('garbage')],
  ])('answers {"active": false} and nothing else for %s', async (_n, make) => {
    const r = await post(`${a.url}/v1/tokens/introspect`, admin, { token: await make() });
    expect(r).toMatchObject({ status: 200, body: { active: false } });
    expect(r.body).toEqual({ active: false });
  });

  it('audits the denied check', async () => {
    const jti = randomUUID();
    const token = await appToken({ jti, sub: 'gil' });
    await post(`${a.url}/v1/tokens/revoke`, admin, { token });
    expect((await post(`${a.url}/v1/tokens/introspect`, admin, { token })).body).toEqual({ active: false });
    // The denial's audit write was queued on A's Redis connection before the response; the
    // audit read below goes out after it on the same connection.
    const audit = await get(`${a.url}/v1/tokens/audit?sub=gil`, admin);
    expect(audit.body).toMatchObject({ entries: [{ action: 'denied', jti, count: 1 }, { action: 'revoke', jti }] });
  });
});

describe('revoke-all', () => {
  it('by subject: denies tokens issued before, admits one issued after', async () => {
    const sub = `hal-${randomUUID().slice(0, 6)}`;
    const old = await appToken({ jti: randomUUID(), sub });
    expect((await post(`${b.url}/v1/tokens/introspect`, admin, { token: old })).body).toMatchObject({ active: true });
    const r = await post(`${a.url}/v1/tokens/revoke-all`, admin, { sub, reason: 'account compromised' });
    expect(r).toMatchObject({ status: 200, body: { revoked: true, sub, notBefore: expect.any(String) as unknown } });
    const after = Math.floor(Date.parse((r.body as { notBefore: string }).notBefore) / 1000) + 1;
    const fresh = await appToken({ jti: randomUUID(), sub, iat: after });
    for (const svc of [a, b]) {
      expect((await post(`${svc.url}/v1/tokens/introspect`, admin, { token: old })).body).toEqual({ active: false });
      expect((await post(`${svc.url}/v1/tokens/introspect`, admin, { token: fresh })).body).toMatchObject({ active: true, sub });
    }
  });

  it('by tool, and 400s without exactly one of sub/tool or without a reason', async () => {
    expect((await post(`${a.url}/v1/tokens/revoke-all`, admin, { tool: 'scraper', reason: 'abuse' })).body).toMatchObject({ revoked: true, tool: 'scraper' });
    for (const body of [{ reason: 'r' }, { sub: 's', tool: 't', reason: 'r' }, { sub: 's' }, { sub: 's', reason: '' }]) {
      const r = await post(`${a.url}/v1/tokens/revoke-all`, admin, body);
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ error: { code: 'invalid_revocation' } });
    }
  });
});

describe('audit', () => {
  const tool = `audit-tool-${randomUUID().slice(0, 6)}`;
  let jtis: string[] = [];

  beforeAll(async () => {
    const ann = await adminAs('ann-admin');
    const ben = await adminAs('ben-admin');
    jtis = Array.from({ length: 7 }, () => randomUUID());
    for (const [i, jti] of jtis.entries()) {
      await post(`${(i % 2 ? a : b).url}/v1/tokens/revoke`, i % 2 ? ann : ben, { jti, tool, reason: `r${i}` });
    }
  });

  it('lists newest first with who, what, when, why and from where', async () => {
    const r = await get(`${a.url}/v1/tokens/audit?tool=${tool}`, admin);
    const entries = (r.body as { entries: Array<Record<string, unknown>> }).entries;
    expect(entries.map((e) => e.jti)).toEqual([...jtis].reverse());
    expect(entries[0]).toMatchObject({ action: 'revoke', actor: 'ben-admin', tool, reason: 'r6', client: expect.stringMatching(/127\.0\.0\.1/) as unknown, at: expect.any(String) as unknown });
  });

  it('filters by actor and pages with a cursor, without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q = new URLSearchParams({ tool, actor: 'ann-admin', limit: '2', ...(cursor ? { cursor } : {}) });
      const r = await get(`${a.url}/v1/tokens/audit?${q}`, admin);
      expect(r.status).toBe(200);
      const page = r.body as { entries: Array<{ jti: string; actor: string }>; nextCursor: string | null };
      expect(page.entries.length).toBeLessThanOrEqual(2);
      for (const e of page.entries) expect(e.actor).toBe('ann-admin');
      seen.push(...page.entries.map((e) => e.jti));
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== null && pages < 10);
    expect(seen).toEqual(jtis.filter((_, i) => i % 2).reverse());
  });

  it('filters by time: nothing before since, nothing after until', async () => {
    expect((await get(`${a.url}/v1/tokens/audit?tool=${tool}&since=2999-01-01`, admin)).body).toEqual({ entries: [], nextCursor: null });
    expect((await get(`${a.url}/v1/tokens/audit?tool=${tool}&until=2000-01-01T00:00:00Z`, admin)).body).toEqual({ entries: [], nextCursor: null });
    const recent = (await get(`${a.url}/v1/tokens/audit?tool=${tool}&since=1h`, admin)).body as { entries: unknown[] };
    expect(recent.entries).toHaveLength(7);
  });

  it('400s a bad cursor, limit or time', async () => {
    for (const q of ['cursor=bogus', 'limit=0', 'limit=5000', 'since=yesterday-ish']) {
      const r = await get(`${a.url}/v1/tokens/audit?${q}`, admin);
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ error: { code: 'invalid_query' } });
    }
  });
});

describe('metrics', () => {
  it('counts checks by outcome', async () => {
    const text = await (await fetch(`${a.url}/metrics`)).text();
    expect(text).toMatch(/m1_revocation_checks_total\{outcome="allowed"\} \d+/);
    expect(text).toMatch(/m1_revocation_checks_total\{outcome="revoked"\} \d+/);
    expect(text).toMatch(/m1_revocation_cache_entries \d+/);
  });
});
