// Load on one `m1-ops serve` process (Redis store, the shared test Redis under a private prefix):
// - many SSE clients for the mode's duration with steady ingestion: every client gets every event
//   once, in order; the process's RSS is sampled (start, middle, end) and must not keep growing;
// - clients that never read (raw sockets, paused) are cut at the backlog limit while the others
//   keep receiving everything.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { deleteKeys, uniquePrefix } from '../service/redis-keys';
import { binaries } from './support/build';
import { Figures, since } from './support/figures';
import { postJson } from './support/http';
import { metric } from './support/metrics';
import { budget, scale } from './support/mode';
import { produce } from './support/produce';
import { MANY_CLIENTS_ONE_TOKEN, ServeProcess, TEST_SECRET } from './support/serve';
import { CountingStream, StalledStream } from './support/sse-raw';
import { adminToken } from './support/tokens';
import { pollUntil, Waiters } from './support/waiters';

const CLIENTS = scale(100, 1_000);
const DURATION_S = scale(5, 120);
const RATE = scale(100, 100);
const SLOW = scale(3, 20);
const NORMAL = 10;
const MiB = 1024 * 1024;

const redisUrl = inject('redisUrl');
const prefix = uniquePrefix('rel-load');
const figures = new Figures('load');
let svc: ServeProcess;
let token: string;

beforeAll(async () => {
  const bin = binaries();
  svc = await ServeProcess.start(bin.cli, {
    env: { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix, M1_ADMIN_JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'warn', ...MANY_CLIENTS_ONE_TOKEN },
    label: 'load',
  });
  token = await adminToken(TEST_SECRET, { scopes: ['events:write', 'analytics:read'] });
}, 120_000);
afterAll(async () => {
  figures.write();
  await svc?.kill('SIGTERM');
  await deleteKeys(redisUrl, prefix);
});

async function openMany(n: number, waiters: Waiters, path = '/v1/stream'): Promise<CountingStream[]> {
  const list: CountingStream[] = [];
  for (let i = 0; i < n; i += 100) {
    const chunk = Array.from({ length: Math.min(100, n - i) }, () => new CountingStream(`${svc.url}${path}`, token, waiters));
    list.push(...chunk);
    await waiters.until(() => chunk.every((s) => s.status === 200 || s.ended), 'streams open', 60_000);
  }
  expect(list.filter((s) => s.status !== 200)).toEqual([]);
  return list;
}

function summary(list: readonly CountingStream[]): Record<string, number> {
  return {
    clients: list.length,
    minEvents: Math.min(...list.map((s) => s.events)),
    maxEvents: Math.max(...list.map((s) => s.events)),
    outOfOrder: list.reduce((n, s) => n + s.outOfOrder, 0),
    resets: list.reduce((n, s) => n + s.resets, 0),
    ended: list.filter((s) => s.ended).length,
  };
}

describe('load on one instance', () => {
  it(`${CLIENTS} SSE clients for ${DURATION_S} s of steady ingestion: every event to every client, RSS flat`, { timeout: budget(120_000, 900_000) }, async () => {
    const waiters = new Waiters();
    const clients = await openMany(CLIENTS, waiters);
    const total = DURATION_S * RATE;
    const rss: { atS: number; rssMiB: number }[] = [];
    const t0 = performance.now();
    const sample = (): void => void rss.push({ atS: Math.round(since(t0) / 100) / 10, rssMiB: svc.rssMiB() });
    sample();
    const sampler = setInterval(sample, 1000);
    try {
      await produce({ targets: () => [svc.url], token, tag: 'load', total, batch: 10, ratePerS: RATE, concurrency: 2 });
      await waiters.until(() => clients.every((s) => s.events >= total), `${total} events on every client`, budget(60_000, 300_000), () => JSON.stringify(summary(clients)));
    } finally {
      clearInterval(sampler);
    }
    sample();
    const deliveredMs = since(t0);
    const s = summary(clients);
    expect(s).toEqual({ clients: CLIENTS, minEvents: total, maxEvents: total, outOfOrder: 0, resets: 0, ended: 0 });
    expect(new Set(clients.map((c) => c.firstId)).size).toBe(1);

    const start = rss[0]?.rssMiB ?? NaN;
    const middle = rss[Math.floor(rss.length / 2)]?.rssMiB ?? NaN;
    const end = rss[rss.length - 1]?.rssMiB ?? NaN;
    // Flat: from the middle of the run to its end RSS may move by GC noise, not grow with the events.
    expect(end - middle).toBeLessThan(Math.max(48, middle * 0.25));
    figures.set('sseClients', {
      clients: CLIENTS,
      durationS: DURATION_S,
      eventsPerS: RATE,
      events: total,
      framesDelivered: total * CLIENTS,
      eventsLost: total * CLIENTS - clients.reduce((n, c) => n + c.events, 0),
      deliveredMs,
      rssMiB: { start, middle, end, max: Math.max(...rss.map((r) => r.rssMiB)) },
      rssSamples: rss.length,
    });
    for (const c of clients) c.close();
    await waiters.until(() => clients.every((c) => c.ended), 'clients closed', 30_000);
  });

  it(`${SLOW} clients that never read are cut at the backlog limit; ${NORMAL} others get every event`, { timeout: budget(120_000, 300_000) }, async () => {
    const waiters = new Waiters();
    const normal = await openMany(NORMAL, waiters);
    const port = Number(new URL(svc.url).port);
    const before = await metric(svc.url, 'm1_sse_disconnects_total', 'reason="backlog"');
    const stalled = Array.from({ length: SLOW }, () => new StalledStream(port, token, '/v1/stream'));
    const clientsGauge = async (): Promise<number> => metric(svc.url, 'm1_sse_clients');
    // No event tells the test that a raw socket's request was handled: the gauge counting it does.
    await pollUntil(async () => (await clientsGauge()) >= NORMAL + SLOW, 'the stalled clients to register', 30_000);
    const rssBefore = svc.rssMiB();

    // Big events (~2 KiB each) until every stalled client was cut, bounded by 256 MiB posted.
    const big = 'x'.repeat(2000);
    let posted = 0;
    let bytes = 0;
    const t0 = performance.now();
    let cut = 0;
    while ((cut = (await metric(svc.url, 'm1_sse_disconnects_total', 'reason="backlog"')) - before) < SLOW) {
      if (bytes > 256 * MiB) throw new Error(`only ${cut} of ${SLOW} stalled clients cut after ${bytes} bytes`);
      const events = Array.from({ length: 250 }, (_, k) => ({ type: 'errors', code: `big-${posted + k}`, message: big, severity: 'low' }));
      const r = await postJson(`${svc.url}/v1/events`, { events }, token);
      expect(r.status).toBe(202);
      posted += events.length;
      bytes += events.length * (big.length + 120);
    }
    const cutMs = since(t0);
    const rssAtCut = svc.rssMiB();
    await produce({ targets: () => [svc.url], token, tag: 'after-cut', total: 50, batch: 10 });
    posted += 50;
    await waiters.until(() => normal.every((s) => s.events >= posted), `${posted} events on every normal client`, budget(60_000, 120_000), () => JSON.stringify(summary(normal)));
    expect(summary(normal)).toEqual({ clients: NORMAL, minEvents: posted, maxEvents: posted, outOfOrder: 0, resets: 0, ended: 0 });
    // The cut sockets are closed: reading what the kernel buffered ends with the connection's end.
    await Promise.all(stalled.map((s) => s.drainUntilClosed(30_000)));
    expect(await clientsGauge()).toBe(NORMAL);
    figures.set('slowClients', {
      stalledClients: SLOW,
      cutAtBacklog: cut,
      normalClients: NORMAL,
      normalEventsLost: NORMAL * posted - normal.reduce((n, s) => n + s.events, 0),
      postedMiBUntilAllCut: Math.round((bytes / MiB) * 10) / 10,
      cutMs,
      rssMiB: { beforeStall: rssBefore, atCut: rssAtCut, after: svc.rssMiB() },
    });
    for (const s of normal) s.close();
  });
});
