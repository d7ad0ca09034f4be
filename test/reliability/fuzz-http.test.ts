// Hostile input over HTTP to a `m1-ops serve` process (fast-check): every route's body and query
// string, the DSL, the stream's parameters and raw Last-Event-ID bytes, JWT-shaped junk for the
// revocation routes, random methods, paths and Authorization headers. Every request must be answered
// within the bound with a status below 500; the process must stay up, log no error, and answer
// /healthz throughout (a probe runs in the background the whole time).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dslQuery,
  bodyOf,
  eventsBody,
  formBody,
  introspectBody,
  queryString,
  revokeAllBody,
  revokeBody,
  type Body,
} from './support/arbitraries';
import { binaries } from './support/build';
import { Figures } from './support/figures';
import { HealthWatch, type HealthStats } from './support/health';
import { rawStatus, send, statusOf } from './support/http';
import { budget, scale } from './support/mode';
import { produce } from './support/produce';
import { ServeProcess, TEST_SECRET } from './support/serve';
import { adminToken } from './support/tokens';

const RUNS = scale(40, 600);
const figures = new Figures('fuzz-http');
const statuses: Record<string, Record<number, number>> = {};
let svc: ServeProcess;
let admin: string;
let watch: HealthWatch;

beforeAll(async () => {
  const bin = binaries();
  svc = await ServeProcess.start(bin.cli, {
    env: { M1_DATA_DIR: mkdtempSync(join(tmpdir(), 'm1-rel-fuzz-')), M1_ADMIN_JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'warn' },
    label: 'fuzz',
  });
  admin = await adminToken(TEST_SECRET, { sub: `fuzz-admin-${process.pid}` });
  // Some data, so that queries have rows to group, bucket and order.
  await produce({ targets: () => [svc.url], token: admin, tag: 'seed', total: 2000, batch: 500 });
  watch = new HealthWatch(svc.url);
}, 120_000);
let health: HealthStats | null = null;
afterAll(async () => {
  health ??= await watch?.stop();
  figures.set('statusesByRoute', statuses);
  figures.set('healthz', health);
  figures.write();
  await svc?.kill('SIGTERM');
});

function note(route: string, status: number): void {
  const m = (statuses[route] ??= {});
  m[status] = (m[status] ?? 0) + 1;
}

/** Sends and checks: answered within the bound, below 500. */
async function answered(route: string, method: string, path: string, body?: Body, headers: Record<string, string> = {}): Promise<void> {
  const r = await send(method, `${svc.url}${path}`, {
    token: admin,
    headers,
    ...(body ? { body: body.bytes, contentType: body.contentType } : {}),
  });
  note(route, r.status);
  if (r.status >= 500) throw new Error(`${method} ${path} answered ${r.status}: ${r.text.slice(0, 300)}`);
}

const property = <T>(arb: fc.Arbitrary<T>, check: (v: T) => Promise<void>): Promise<void> => fc.assert(fc.asyncProperty(arb, check), { numRuns: RUNS });
const timeout = budget(120_000, 900_000);

describe('hostile input over HTTP', () => {
  it('POST /v1/events: any body', { timeout }, () => property(eventsBody, (b) => answered('POST /v1/events', 'POST', '/v1/events', b)));

  it('POST /v1/query: DSL queries near and far from valid, any body', { timeout }, () => property(bodyOf(dslQuery), (b) => answered('POST /v1/query', 'POST', '/v1/query', b)));

  it('GET /v1/stream: hostile parameters', { timeout }, () =>
    property(queryString(['types', 'rollup', 'lastEventId', 'access_token']), async (q) => {
      const status = await statusOf(`${svc.url}/v1/stream${q}`, { authorization: `Bearer ${admin}` });
      note('GET /v1/stream', status);
      if (status >= 500) throw new Error(`GET /v1/stream${q} answered ${status}`);
    }));

  it('GET /v1/stream: raw Last-Event-ID bytes', { timeout }, () => {
    const port = Number(new URL(svc.url).port);
    const idBytes = fc.oneof(fc.uint8Array({ maxLength: 200 }), fc.stringMatching(/^-?\d{0,40}$/).map((s) => new Uint8Array(Buffer.from(s))), fc.constant(new Uint8Array(Buffer.from('9'.repeat(10_000)))));
    return property(idBytes, async (bytes) => {
      const head = Buffer.concat([Buffer.from(`GET /v1/stream HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer ${admin}\r\nlast-event-id: `), Buffer.from(bytes)]);
      const status = await rawStatus(port, head);
      note('GET /v1/stream Last-Event-ID', status);
      // 0: the HTTP parser closed a connection whose header it could not read (not an answer to judge).
      if (status >= 500) throw new Error(`Last-Event-ID ${Buffer.from(bytes).toString('hex').slice(0, 80)} answered ${status}`);
    });
  });

  it('POST /v1/tokens/revoke, revoke-all, introspect: JWT-shaped junk, any body, forms', { timeout }, () =>
    property(
      fc.oneof(
        fc.tuple(fc.constant('/v1/tokens/revoke'), fc.oneof(revokeBody, formBody)),
        fc.tuple(fc.constant('/v1/tokens/revoke-all'), revokeAllBody),
        fc.tuple(fc.constant('/v1/tokens/introspect'), fc.oneof(introspectBody, formBody)),
      ),
      ([path, b]) => answered(`POST ${path}`, 'POST', path, b),
    ));

  it('GET /v1/tokens/{jti} and /v1/tokens/audit: hostile path segments and query strings', { timeout }, () =>
    property(
      fc.oneof(
        fc.string({ maxLength: 600 }).map((s) => `/v1/tokens/${encodeURIComponent(s)}`),
        queryString(['actor', 'tool', 'sub', 'since', 'until', 'limit', 'cursor']).map((q) => `/v1/tokens/audit${q}`),
      ),
      (path) => answered(path.startsWith('/v1/tokens/audit') ? 'GET /v1/tokens/audit' : 'GET /v1/tokens/{jti}', 'GET', path),
    ));

  it('any method, path and Authorization header', { timeout }, () =>
    property(
      fc.tuple(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
        fc.oneof(fc.constantFrom('/v1/events', '/v1/query', '/v1/tokens/revoke', '/v1/tokens/x', '/healthz', '/metrics', '/dashboard', '/'), fc.webPath()),
        fc.oneof(fc.constant(`Bearer ${admin}`), fc.string({ maxLength: 200 }).filter((s) => /^[\x20-\x7e]*$/.test(s) && s.trim() === s)),
      ),
      async ([method, path, authorization]) => {
        const stream = path.startsWith('/v1/stream');
        if (stream || (method === 'GET' && path === '/')) return;
        const r = await send(method, `${svc.url}${path}`, { headers: authorization ? { authorization } : {} });
        note('any', r.status);
        if (r.status >= 500) throw new Error(`${method} ${path} answered ${r.status}: ${r.text.slice(0, 200)}`);
      },
    ));

  it('afterwards: the process is up, logged no error, and answered /healthz every time', async () => {
    health = await watch.stop();
    expect(svc.alive).toBe(true);
    expect(health.checks).toBeGreaterThan(0);
    expect(health.reasons).toEqual([]);
    const errors = svc.lines.filter((l) => /"level":(50|60)/.test(l));
    expect(errors).toEqual([]);
    expect((await send('GET', `${svc.url}/v1/tokens/audit?limit=1`, { token: admin })).status).toBe(200); // the admin token was not revoked by junk
  });
});
