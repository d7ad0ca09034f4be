// The HTTP foundation over a real socket: error shape, 404/405/413, malformed JSON, auth.
import { SignJWT, base64url } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_SECRET, postJson, startTestService, type TestService } from './harness';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(async () => {
  await svc.close();
});

const tool = { type: 'tools', tool: 'search', status: 'ok', durationMs: 12 };

describe('routing and bodies', () => {
  it('404s unknown routes with the error shape', async () => {
    const res = await fetch(`${svc.url}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found', issues: [] } });
  });

  it('405s a known path with the wrong method and says which are allowed', async () => {
    const res = await fetch(`${svc.url}/v1/events`, { method: 'GET' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(await res.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
    const del = await fetch(`${svc.url}/healthz`, { method: 'DELETE' });
    expect(del.status).toBe(405);
    expect(del.headers.get('allow')).toBe('GET, HEAD');
  });

  it('400s malformed JSON with the error shape', async () => {
    const r = await postJson(`${svc.url}/v1/events`, null, await svc.token(), '{"type": "tools",');
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ error: { code: 'invalid_json' } });
  });

  it('413s a body over 1 MiB', async () => {
    const raw = JSON.stringify({ events: [{ ...tool, pad: 'x'.repeat(1024 * 1024) }] });
    const r = await postJson(`${svc.url}/v1/events`, null, await svc.token(), raw);
    expect(r.status).toBe(413);
    expect(r.body).toMatchObject({ error: { code: 'body_too_large' } });
    const health = await fetch(`${svc.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it('serves Prometheus metrics without auth: events by type, SSE clients, store errors', async () => {
    const r = await postJson(`${svc.url}/v1/events`, { events: [tool, tool, { type: 'costs', amountUsd: 1 }] }, await svc.token());
    expect(r.status).toBe(202);
    const res = await fetch(`${svc.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(/^m1_events_ingested_total\{type="tools"\} [2-9]/m);
    expect(text).toMatch(/^m1_events_ingested_total\{type="costs"\} 1$/m);
    expect(text).toMatch(/^# TYPE m1_sse_clients gauge$/m);
    expect(text).toMatch(/^# TYPE m1_store_errors_total counter$/m);
  });

  it('serves the dashboard page with a strict CSP and a nonce', async () => {
    const res = await fetch(`${svc.url}/dashboard`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(await res.text()).toContain(`nonce="${nonce ?? 'missing'}"`);
  });

  it('healthz reports the embedded store', async () => {
    const res = await fetch(`${svc.url}/healthz`);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'ok', store: 'embedded', redis: null });
    expect(typeof body.uptimeS).toBe('number');
  });
});

describe('auth', () => {
  it('401s without a token, with WWW-Authenticate: Bearer', async () => {
    const r = await postJson(`${svc.url}/v1/events`, tool);
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(r.body).toMatchObject({ error: { code: 'unauthorized', message: 'missing bearer token' } });
  });

  it('401s a token signed with another key', async () => {
    const forged = await new SignJWT({ scope: 'events:write' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('another-secret-another-secret-another-secret'));
    const r = await postJson(`${svc.url}/v1/events`, tool, forged);
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toContain('invalid_token');
    expect(r.body).toMatchObject({ error: { message: 'token signature invalid' } });
  });

  it('401s alg none', async () => {
    const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
    const payload = base64url.encode(JSON.stringify({ scope: 'events:write', exp: Math.floor(Date.now() / 1000) + 600 }));
    const r = await postJson(`${svc.url}/v1/events`, tool, `${header}.${payload}.`);
    expect(r.status).toBe(401);
  });

  it('401s an expired token and one without exp', async () => {
    const expired = await new SignJWT({ scope: 'events:write' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime(Math.floor(Date.now() / 1000) - 120)
      .sign(new TextEncoder().encode(TEST_SECRET));
    const r1 = await postJson(`${svc.url}/v1/events`, tool, expired);
    expect(r1.status).toBe(401);
    expect(r1.body).toMatchObject({ error: { message: 'token expired' } });
    const noExp = await new SignJWT({ scope: 'events:write' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(TEST_SECRET));
    const r2 = await postJson(`${svc.url}/v1/events`, tool, noExp);
    expect(r2.status).toBe(401);
    expect(r2.body).toMatchObject({ error: { message: expect.stringContaining('"exp"') as unknown } });
  });

  it('403s a valid token without the scope', async () => {
    const r = await postJson(`${svc.url}/v1/events`, tool, await svc.token(['analytics:read']));
    expect(r.status).toBe(403);
    expect(r.headers.get('www-authenticate')).toContain('insufficient_scope');
    expect(r.body).toMatchObject({ error: { code: 'insufficient_scope' } });
  });

  it('accepts the scope and answers 202', async () => {
    const r = await postJson(`${svc.url}/v1/events`, tool, await svc.token(['events:write']));
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ accepted: 1 });
  });

  it('never logs the Authorization header', async () => {
    const token = await svc.token();
    await postJson(`${svc.url}/v1/events`, tool, token);
    const all = svc.logs.join('');
    expect(all).toContain('/v1/events');
    expect(all).not.toContain(token);
    expect(all).not.toContain(TEST_SECRET);
  });
});
