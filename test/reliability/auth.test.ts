// Auth on every authenticated route of `m1-ops serve` (a process, JWT_ISSUER and JWT_AUDIENCE
// configured): missing, malformed, wrong signature, `alg: none`, another HMAC algorithm, expired,
// not yet valid (nbf), no exp, wrong or missing issuer/audience, a token in ?access_token= where
// only the stream takes one: 401 with WWW-Authenticate; a valid token without the route's scope:
// 403. Each refused request carries a body the handler would act on, and afterwards nothing was
// stored, revoked, audited or streamed: no refused request reached a handler.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaries } from './support/build';
import { Figures } from './support/figures';
import { json, send, statusOf, type Reply } from './support/http';
import { metric } from './support/metrics';
import { ServeProcess, TEST_SECRET } from './support/serve';
import { adminToken, appToken, sign, unsignedToken } from './support/tokens';

const ISS = 'https://issuer.m1.test';
const AUD = 'm1-ops-control';
const figures = new Figures('auth');
let svc: ServeProcess;
let good: string;
const probeJti = `auth-probe-${randomUUID()}`;

interface Route {
  method: 'GET' | 'POST';
  path: string;
  scope: string;
  body?: () => Promise<unknown>;
}

const ROUTES: Route[] = [
  { method: 'POST', path: '/v1/events', scope: 'events:write', body: () => Promise.resolve({ type: 'costs', amountUsd: 1, model: 'auth-probe' }) },
  { method: 'POST', path: '/v1/query', scope: 'analytics:read', body: () => Promise.resolve({ type: 'costs' }) },
  { method: 'GET', path: '/v1/stream', scope: 'analytics:read' },
  { method: 'POST', path: '/v1/tokens/revoke', scope: 'tokens:revoke', body: () => Promise.resolve({ jti: probeJti, reason: 'auth probe' }) },
  { method: 'POST', path: '/v1/tokens/revoke-all', scope: 'tokens:revoke', body: () => Promise.resolve({ sub: 'auth-probe-user', reason: 'auth probe' }) },
  { method: 'POST', path: '/v1/tokens/introspect', scope: 'tokens:read', body: async () => ({ token: await appToken(TEST_SECRET) }) },
  { method: 'GET', path: `/v1/tokens/${probeJti}`, scope: 'tokens:read' },
  { method: 'GET', path: '/v1/tokens/audit', scope: 'tokens:audit' },
];

const ALL = ['events:write', 'analytics:read', 'tokens:revoke', 'tokens:read', 'tokens:audit'];
const ok = { iss: ISS, aud: AUD };

/** The refused kinds of credentials: the Authorization header to send (null: none). */
async function badCredentials(): Promise<Record<string, string | null>> {
  const hs512 = await new SignJWT({ scope: ALL.join(' ') })
    .setProtectedHeader({ alg: 'HS512' })
    .setIssuer(ISS)
    .setAudience(AUD)
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(TEST_SECRET));
  const valid = await adminToken(TEST_SECRET, ok);
  const [h, p] = valid.split('.') as [string, string, string];
  return {
    missing: null,
    'not a bearer scheme': `Basic ${Buffer.from('admin:admin').toString('base64')}`,
    'bearer without a token': 'Bearer',
    malformed: 'Bearer not-a-jwt',
    'two tokens': `Bearer ${valid} ${valid}`,
    'truncated signature': `Bearer ${valid.slice(0, -4)}`,
    'signature of another token': `Bearer ${h}.${p}.${(await adminToken(TEST_SECRET, ok)).split('.')[2] as string}`,
    'wrong secret': `Bearer ${await adminToken(`${TEST_SECRET}-other`, ok)}`,
    'alg none': `Bearer ${unsignedToken({ scope: ALL.join(' '), iss: ISS, aud: AUD, exp: Math.floor(Date.now() / 1000) + 3600 })}`,
    'HS512 (not allowed)': `Bearer ${hs512}`,
    expired: `Bearer ${await adminToken(TEST_SECRET, { ...ok, expInS: -600 })}`,
    'not yet valid (nbf)': `Bearer ${await adminToken(TEST_SECRET, { ...ok, nbfInS: 600 })}`,
    'no exp': `Bearer ${await adminToken(TEST_SECRET, { ...ok, expInS: null })}`,
    'wrong issuer': `Bearer ${await adminToken(TEST_SECRET, { ...ok, iss: 'https://evil.test' })}`,
    'no issuer': `Bearer ${await adminToken(TEST_SECRET, { aud: AUD })}`,
    'wrong audience': `Bearer ${await adminToken(TEST_SECRET, { ...ok, aud: 'another-service' })}`,
    'no audience': `Bearer ${await adminToken(TEST_SECRET, { iss: ISS })}`,
  };
}

async function call(route: Route, authorization: string | null, query = ''): Promise<Reply> {
  const body = route.body ? JSON.stringify(await route.body()) : undefined;
  const headers: Record<string, string> = authorization === null ? {} : { authorization };
  const r = await send(route.method, `${svc.url}${route.path}${query}`, { ...(body === undefined ? {} : { body }), headers, timeoutMs: 20_000 });
  return r;
}

beforeAll(async () => {
  const bin = binaries();
  svc = await ServeProcess.start(bin.cli, {
    env: { M1_DATA_DIR: mkdtempSync(join(tmpdir(), 'm1-rel-auth-')), M1_ADMIN_JWT_SECRET: TEST_SECRET, JWT_ISSUER: ISS, JWT_AUDIENCE: AUD, LOG_LEVEL: 'warn' },
    label: 'auth',
  });
  good = await adminToken(TEST_SECRET, ok);
}, 120_000);
afterAll(async () => {
  figures.write();
  await svc?.kill('SIGTERM');
});

describe('auth on every route', () => {
  it('refuses every bad credential with 401 and WWW-Authenticate, and a missing scope with 403; nothing reaches a handler', { timeout: 120_000 }, async () => {
    const bad = await badCredentials();
    const outcomes: Record<string, Record<string, number>> = {};
    for (const route of ROUTES) {
      for (const [kind, authorization] of Object.entries(bad)) {
        const r = await call(route, authorization);
        (outcomes[kind] ??= {})[r.status] = (outcomes[kind]?.[r.status] ?? 0) + 1;
        expect({ route: route.path, kind, status: r.status }).toEqual({ route: route.path, kind, status: 401 });
        expect(r.headers.get('www-authenticate')).toMatch(/^Bearer realm="m1-ops"/);
        expect(json<{ error: { code: string } }>(r).error.code).toBe('unauthorized');
      }
      // A valid token in the query string: only the stream takes one.
      if (route.path !== '/v1/stream') {
        const viaQuery = await call(route, null, `?access_token=${encodeURIComponent(good)}`);
        expect({ route: route.path, status: viaQuery.status }).toEqual({ route: route.path, status: 401 });
      }
      // Valid, without the route's scope.
      const other = await adminToken(TEST_SECRET, { ...ok, scopes: ALL.filter((s) => s !== route.scope) });
      const r = await call(route, `Bearer ${other}`);
      expect({ route: route.path, status: r.status }).toEqual({ route: route.path, status: 403 });
      expect(r.headers.get('www-authenticate')).toContain(`error="insufficient_scope", scope="${route.scope}"`);
      (outcomes['wrong scope'] ??= {})[r.status] = (outcomes['wrong scope']?.[r.status] ?? 0) + 1;
    }

    // Nothing reached a handler: no event stored, no revocation, no audit entry, no stream left open.
    expect(await metric(svc.url, 'm1_events_ingested_total', 'type="costs"')).toBe(0);
    expect(await metric(svc.url, 'm1_sse_clients')).toBe(0);
    const status = await send('GET', `${svc.url}/v1/tokens/${probeJti}`, { token: good });
    expect(json(status)).toEqual({ revoked: false });
    const audit = await send('GET', `${svc.url}/v1/tokens/audit`, { token: good });
    expect(json(audit)).toEqual({ entries: [], nextCursor: null });
    const introspected = await send('POST', `${svc.url}/v1/tokens/introspect`, { token: good, body: JSON.stringify({ token: await sign(TEST_SECRET, { ...ok, sub: 'auth-probe-user' }) }) });
    expect(json(introspected)).toMatchObject({ active: true }); // no revoke-all of auth-probe-user was made

    // The same requests with a valid token do reach the handlers (so the checks above could fail).
    for (const route of ROUTES.filter((r) => r.method === 'POST')) expect((await call(route, `Bearer ${good}`)).status).toBeLessThan(300);
    expect(await statusOf(`${svc.url}/v1/stream?access_token=${encodeURIComponent(good)}`)).toBe(200);
    expect(await statusOf(`${svc.url}/v1/stream`, { authorization: `Bearer ${good}` })).toBe(200);
    expect(await metric(svc.url, 'm1_events_ingested_total', 'type="costs"')).toBe(1);
    figures.set('refusals', { routes: ROUTES.length, credentialKinds: Object.keys(bad).length + 1, outcomes, reachedAHandler: 0 });
  });
});
