// Attacks on the service's resources (issue 11, High 1-2, Medium 4-5), each against a real
// `m1-ops serve` process, with /healthz probed throughout:
// - slow unauthenticated bodies (POST /v1/events, Content-Length 1,000,000, no Authorization, one byte
//   a second): refused at the headers (401) and their sockets closed;
// - slow headers, an authenticated slow body, too many requests in flight for one token, more
//   connections than M1_MAX_CONNECTIONS: cut by the header/request timeouts, 429, 503 + Retry-After;
// - more live streams than the per-token and total caps: 429 / 503 + Retry-After;
// - a batch of events with 32 unique tag names each: 400, and RSS does not move;
// - heavy queries (unique tool names, grouped, 64 percentiles), four at once: bounded by
//   M1_QUERY_TIMEOUT_MS and the group cap while /healthz keeps answering in milliseconds.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { deleteKeys, uniquePrefix } from '../service/redis-keys';
import { LatencyProbe, openStream, slowSocket, type RawStream, type SlowSocket } from './support/attack';
import { binaries } from './support/build';
import { Figures } from './support/figures';
import { json, postJson, send } from './support/http';
import { metric } from './support/metrics';
import { budget, scale } from './support/mode';
import { ServeProcess, TEST_SECRET, killAll } from './support/serve';
import { adminToken } from './support/tokens';
import { pollUntil } from './support/waiters';

const figures = new Figures('attacks-load');
const procs: ServeProcess[] = [];
let svc: ServeProcess;
let port: number;
let token: string;

const PER_TOKEN_STREAMS = scale(4, 16);
const TOTAL_STREAMS = scale(12, 1000);
const MAX_IN_FLIGHT = 4;

const dataDir = (): string => mkdtempSync(join(tmpdir(), 'm1-rel-attack-'));
const portOf = (p: ServeProcess): number => Number(new URL(p.url).port);
type ErrorReply = { error: { code: string; message: string; issues: unknown[] } };

beforeAll(async () => {
  svc = await ServeProcess.start(binaries().cli, {
    env: {
      M1_DATA_DIR: dataDir(),
      M1_ADMIN_JWT_SECRET: TEST_SECRET,
      LOG_LEVEL: 'warn',
      M1_HEADERS_TIMEOUT_MS: '2000',
      M1_REQUEST_TIMEOUT_MS: '3000',
      M1_MAX_REQUESTS_PER_TOKEN: String(MAX_IN_FLIGHT),
      M1_MAX_SSE_STREAMS: String(TOTAL_STREAMS),
      M1_MAX_SSE_STREAMS_PER_TOKEN: String(PER_TOKEN_STREAMS),
      M1_QUERY_TIMEOUT_MS: scale('2000', '5000'),
    },
    label: 'attacks-load',
  });
  procs.push(svc);
  port = portOf(svc);
  token = await adminToken(TEST_SECRET);
}, 120_000);
afterAll(async () => {
  figures.write();
  await killAll(procs);
});

/** Where the slow bodies go: an authenticated route (401), an unknown path (404), a known path with another method (405). */
const TARGETS = [
  { path: '/v1/events', status: 401 },
  { path: '/v1/events', status: 401 },
  { path: '/nowhere', status: 404 },
  { path: '/healthz', status: 405 },
];

const head = (lines: string[]): string => `${lines.join('\r\n')}\r\n\r\n`;

function openMany(n: number, make: () => SlowSocket): SlowSocket[] {
  return Array.from({ length: n }, make);
}

describe('attacks on connections', () => {
  it('slow unauthenticated bodies get 401/404/405 at the headers and lose their socket; /healthz answers throughout', { timeout: budget(60_000, 300_000) }, async () => {
    const n = scale(200, 5000);
    const probe = new LatencyProbe(svc.url);
    const t0 = performance.now();
    const sockets: SlowSocket[] = [];
    let opened = 0;
    // In batches of 500, letting the test process's own event loop (which runs the probe) breathe.
    for (let i = 0; i < n; i += 500) {
      sockets.push(...openMany(Math.min(500, n - i), () => slowSocket(port, head([`POST ${TARGETS[opened++ % TARGETS.length]?.path ?? ''} HTTP/1.1`, 'Host: x', 'Content-Type: application/json', 'Content-Length: 1000000']), 1000)));
      await new Promise((r) => setImmediate(r));
    }
    const closedMs = await Promise.all(sockets.map((s) => s.closed));
    const health = await probe.stop();
    const statuses = sockets.map((s) => s.status);
    expect(statuses).toEqual(sockets.map((_, i) => TARGETS[i % TARGETS.length]?.status));
    expect(health.failures).toBe(0);
    figures.set('slowBodies', { sockets: n, answered401: statuses.filter((s) => s === 401).length, answered404: statuses.filter((s) => s === 404).length, answered405: statuses.filter((s) => s === 405).length, allClosedMs: Math.round(performance.now() - t0), slowestCloseMs: Math.max(...closedMs), healthz: health });
  });

  it('slow headers are cut at M1_HEADERS_TIMEOUT_MS, an authenticated slow body at M1_REQUEST_TIMEOUT_MS; one token gets 429 past its requests in flight', { timeout: budget(60_000, 120_000) }, async () => {
    const n = scale(50, 1000);
    const probe = new LatencyProbe(svc.url);
    const slowHeads = openMany(n, () => slowSocket(port, 'GET /v1/stream HTTP/1.1\r\nHost: x\r\nX-Slow: 1\r\n'));
    const t = await adminToken(TEST_SECRET, { sub: 'slow-body' });
    const slowBodies = openMany(MAX_IN_FLIGHT, () =>
      slowSocket(port, head(['POST /v1/events HTTP/1.1', 'Host: x', `Authorization: Bearer ${t}`, 'Content-Type: application/json', 'Content-Length: 1000000']), 500),
    );
    // The bodies are in flight once the slots are taken: a fifth request of the same token is refused.
    let extra = await postJson(`${svc.url}/v1/query`, { type: 'costs' }, t);
    const until = performance.now() + 15_000; // a bound, not a wait: the slots are taken once the heads are parsed
    while (extra.status !== 429 && performance.now() < until) extra = await postJson(`${svc.url}/v1/query`, { type: 'costs' }, t);
    expect(extra.status).toBe(429);
    expect(extra.headers.get('retry-after')).toBe('5');
    expect(json<ErrorReply>(extra).error.code).toBe('too_many_requests');
    const headsClosed = await Promise.all(slowHeads.map((s) => s.closed));
    const bodiesClosed = await Promise.all(slowBodies.map((s) => s.closed));
    const health = await probe.stop();
    expect(slowBodies.map((s) => s.status)).toEqual(slowBodies.map(() => 408));
    expect(JSON.parse(slowBodies[0]?.text.split('\r\n\r\n')[1] ?? '{}')).toMatchObject({ error: { code: 'request_timeout' } });
    // Slots are given back: the same token works again.
    expect((await postJson(`${svc.url}/v1/query`, { type: 'costs' }, t)).status).toBe(200);
    expect(health.failures).toBe(0);
    figures.set('slowHeadersAndBodies', {
      slowHeaderSockets: n,
      slowHeadersClosedAfterMs: Math.max(...headsClosed),
      slowBodiesClosedAfterMs: Math.max(...bodiesClosed),
      slowBodyStatus: 408,
      extraRequestStatus: extra.status,
      healthz: health,
    });
  });

  it('past M1_MAX_CONNECTIONS a new connection gets 503 with Retry-After in the error shape, and the service recovers', { timeout: 60_000 }, async () => {
    const small = await ServeProcess.start(binaries().cli, {
      env: { M1_DATA_DIR: dataDir(), M1_ADMIN_JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'warn', M1_MAX_CONNECTIONS: '16', M1_HEADERS_TIMEOUT_MS: '2000' },
      label: 'attacks-cap',
    });
    procs.push(small);
    const holders = openMany(16, () => slowSocket(portOf(small), 'GET /healthz HTTP/1.1\r\nHost: x\r\n'));
    // Wait until the 16 are accepted (the connections gauge is not reachable now: read the refusal).
    let refused = slowSocket(portOf(small), head(['GET /healthz HTTP/1.1', 'Host: x']));
    await refused.closed;
    const until = performance.now() + 15_000;
    while (refused.status !== 503 && performance.now() < until) {
      refused = slowSocket(portOf(small), head(['GET /healthz HTTP/1.1', 'Host: x']));
      await refused.closed;
    }
    expect(refused.status).toBe(503);
    expect(refused.text).toMatch(/\r\nRetry-After: 5\r\n/i);
    expect(JSON.parse(refused.text.split('\r\n\r\n')[1] ?? '{}')).toMatchObject({ error: { code: 'too_many_connections' } });
    const cut = await Promise.all(holders.map((s) => s.closed)); // cut by the header timeout
    // The server sees those sockets close a moment after the client does: poll (bounded) for the slot.
    const recoveredMs = await pollUntil(async () => (await send('GET', `${small.url}/healthz`)).status === 200, 'a free connection slot', 10_000);
    figures.set('connectionCap', { cap: 16, refusedStatus: refused.status, holdersCutAfterMs: Math.max(...cut), recoveredAfterCutMs: Math.round(recoveredMs), recoveredAfterHeaderTimeout: true });
    await small.kill('SIGTERM');
  });

  it('live streams past the per-token and total caps get 429 / 503 with Retry-After; closing one frees its slot', { timeout: budget(60_000, 180_000) }, async () => {
    const probe = new LatencyProbe(svc.url);
    const url = `${svc.url}/v1/stream`;
    const a = await adminToken(TEST_SECRET, { sub: 'streams-a' });
    const mine = Array.from({ length: PER_TOKEN_STREAMS }, () => openStream(url, a));
    expect(await Promise.all(mine.map((s) => s.status))).toEqual(mine.map(() => 200));
    const over = openStream(url, a);
    expect(await over.status).toBe(429);
    expect((await over.headers)['retry-after']).toBe('5');
    // Other tokens fill the total.
    const others: RawStream[] = [];
    while (mine.length + others.length < TOTAL_STREAMS) {
      const t = await adminToken(TEST_SECRET, { sub: `streams-${others.length}` });
      const batch: RawStream[] = Array.from({ length: Math.min(PER_TOKEN_STREAMS, TOTAL_STREAMS - mine.length - others.length) }, () => openStream(url, t));
      expect(await Promise.all(batch.map((s) => s.status))).toEqual(batch.map(() => 200));
      others.push(...batch);
    }
    const full = openStream(url, await adminToken(TEST_SECRET, { sub: 'streams-late' }));
    expect(await full.status).toBe(503);
    expect((await full.headers)['retry-after']).toBe('5');
    expect(await metric(svc.url, 'm1_sse_clients')).toBe(TOTAL_STREAMS);
    (mine[0] as RawStream).close();
    let again = openStream(url, a);
    const until = performance.now() + 15_000; // the close reaches the server a moment later
    while ((await again.status) !== 200 && performance.now() < until) again = openStream(url, a);
    expect(await again.status).toBe(200);
    for (const s of [...mine, ...others, again]) s.close();
    const health = await probe.stop();
    expect(health.failures).toBe(0);
    figures.set('streamCaps', { perToken: PER_TOKEN_STREAMS, total: TOTAL_STREAMS, overPerToken: 429, overTotal: 503, healthz: health });
  });
});

describe('attacks on memory and time', () => {
  it('events with 32 unique tag names each are refused (400 too_many_tags) and RSS does not grow', { timeout: budget(60_000, 120_000) }, async () => {
    const rssBefore = svc.rssMiB();
    const bomb = (k: number) => ({
      events: Array.from({ length: 1000 }, (_, i) => ({
        type: 'health',
        component: 'db',
        status: 'up',
        tags: Object.fromEntries(Array.from({ length: 32 }, (__, j) => [`t${k}_${i}_${j}`, 'v'])),
      })),
    });
    const first = await postJson(`${svc.url}/v1/events`, bomb(1), token);
    const second = await postJson(`${svc.url}/v1/events`, bomb(2), token);
    expect(first.status).toBe(400);
    expect(second.status).toBe(400);
    const body = json<ErrorReply>(first);
    expect(body.error.code).toBe('too_many_tags');
    expect(body.error.message).toMatch(/M1_ANALYTICS_MAX_TAG_NAMES/);
    // Within the caps: 64 names, a few values, many events - stored, and cheap.
    const fine = { events: Array.from({ length: 5000 }, (_, i) => ({ type: 'health', component: 'db', status: 'up', tags: { [`n${i % 64}`]: `v${i % 7}` } })) };
    expect((await postJson(`${svc.url}/v1/events`, fine, token)).status).toBe(202);
    const rssAfter = svc.rssMiB();
    expect(rssAfter - rssBefore).toBeLessThan(200); // the attack took it from 239 MB to 1.30 GB
    figures.set('tagBomb', { eventsPerBatch: 1000, uniqueTagNamesPerEvent: 32, statuses: [first.status, second.status], rssBeforeMiB: rssBefore, rssAfterMiB: rssAfter });
  });

  it('an instance loading a Redis stream full of tags keeps to its own caps (tags dropped and counted, rows kept)', { timeout: budget(90_000, 300_000) }, async () => {
    const redisUrl = inject('redisUrl');
    const prefix = uniquePrefix('rel-tagload');
    const env = { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix, M1_ADMIN_JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'warn' };
    try {
      // A (generous caps) writes events with many distinct tag names into the shared stream.
      const a = await ServeProcess.start(binaries().cli, { env: { ...env, M1_ANALYTICS_MAX_TAG_NAMES: '1024' }, label: 'tagload-a' });
      procs.push(a);
      const batches = scale(10, 30);
      for (let k = 0; k < batches; k++) {
        const events = Array.from({ length: 100 }, (_, i) => ({ type: 'health', component: 'db', status: 'up', tags: Object.fromEntries(Array.from({ length: 32 }, (__, j) => [`b${k}_${j}`, `v${i % 5}`])) }));
        expect((await postJson(`${a.url}/v1/events`, { events }, token)).status).toBe(202);
      }
      // B (default caps: 64 names) starts afterwards and loads the stream.
      const b = await ServeProcess.start(binaries().cli, { env, label: 'tagload-b' });
      procs.push(b);
      const rows = batches * 100;
      await pollUntil(async () => (await metric(b.url, 'm1_analytics_rows')) >= rows, 'B to load the stream', 60_000);
      const dropped = await metric(b.url, 'm1_analytics_tags_dropped');
      expect(dropped).toBe(rows * 32 - 64 * 100); // the first 64 names (two batches) fit; every later tag is dropped
      figures.set('streamLoad', { eventsInStream: rows, distinctTagNames: batches * 32, capOfLoader: 64, tagsDropped: dropped, rssLoaderMiB: b.rssMiB(), rssWriterMiB: a.rssMiB() });
      await Promise.all([a.kill('SIGTERM'), b.kill('SIGTERM')]);
    } finally {
      await deleteKeys(redisUrl, prefix);
    }
  });

  it('heavy queries (unique tool names, 64 percentiles, four at once) stay within their budget while /healthz answers', { timeout: budget(120_000, 600_000) }, async () => {
    const n = scale(20_000, 300_000);
    const run = randomUUID().slice(0, 8);
    for (let i = 0; i < n; i += 10_000) {
      const events = Array.from({ length: Math.min(10_000, n - i) }, (_, k) => ({ type: 'tools', tool: `${run}-${i + k}`, status: 'ok', durationMs: (i + k) % 997 }));
      expect((await postJson(`${svc.url}/v1/events`, { events }, token)).status).toBe(202);
    }
    const query = {
      type: 'tools',
      range: '1h',
      groupBy: ['tool'],
      aggregations: Array.from({ length: 64 }, (_, p) => ({ fn: 'percentile', field: 'durationMs', p: p + 1, as: `p${p + 1}` })),
      limit: 10,
    };
    const probe = new LatencyProbe(svc.url, 20);
    const t0 = performance.now();
    const answers = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const s = performance.now();
        const r = await postJson(`${svc.url}/v1/query`, query, token);
        return { status: r.status, code: r.status === 200 ? null : json<ErrorReply>(r).error.code, ms: Math.round(performance.now() - s) };
      }),
    );
    const health = await probe.stop();
    for (const a of answers) expect([200, 400, 503]).toContain(a.status);
    expect(health.failures).toBe(0);
    // A query as big that fits (every row, 64 percentiles, by status and minute), four at once.
    const fitting = { ...query, groupBy: ['status'], interval: '1m', limit: 100 };
    const probe2 = new LatencyProbe(svc.url, 20);
    const fits = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const s = performance.now();
        const r = await postJson(`${svc.url}/v1/query`, fitting, token);
        return { status: r.status, scanned: r.status === 200 ? json<{ stats: { scanned: number } }>(r).stats.scanned : null, ms: Math.round(performance.now() - s) };
      }),
    );
    const health2 = await probe2.stop();
    for (const a of fits) expect([200, 503]).toContain(a.status);
    expect(health2.failures).toBe(0);
    figures.set('heavyQueries', { events: n, concurrent: 4, percentiles: 64, answers, allAnsweredMs: Math.round(performance.now() - t0), healthz: health, fitting: fits, healthzFitting: health2 });
  });
});
