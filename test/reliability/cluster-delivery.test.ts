// Three `m1-ops serve` processes on one Redis (a private redis-server), SSE clients spread over all
// three, events ingested on all three: every client receives every event exactly once, in one order.
// Then one instance is killed (SIGKILL) mid-stream: its clients reconnect through the "balancer" to
// another instance with Last-Event-ID and miss nothing (the gap is within the replay buffer).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaries, type Binaries } from './support/build';
import { startCluster } from './support/cluster';
import { Figures, since } from './support/figures';
import { budget, scale } from './support/mode';
import { produce, type Produced } from './support/produce';
import { PrivateRedis } from './support/redis';
import { killAll, TEST_SECRET, type ServeProcess } from './support/serve';
import { FailoverStream } from './support/sse-failover';
import { adminToken } from './support/tokens';

const CLIENTS = scale(30, 200);
const EVENTS = scale(600, 10_000);
const KILL_EVENTS = scale(400, 6_000);
const KILL_RATE = scale(100, 150); // events/s: a 2 s reconnect stays far inside the 1,000-event buffer

const figures = new Figures('cluster-delivery');
let bin: Binaries;
let redis: PrivateRedis;
let nodes: ServeProcess[] = [];
let token: string;
const streams: FailoverStream[] = [];

beforeAll(async () => {
  bin = binaries();
  redis = await PrivateRedis.start();
  nodes = await startCluster({ cli: bin.cli, redisUrl: redis.url, prefix: 'rel:dl:', size: 3 });
  token = await adminToken(TEST_SECRET, { scopes: ['events:write', 'analytics:read'] });
}, 120_000);
afterAll(async () => {
  for (const s of streams) s.close();
  figures.write();
  await killAll(nodes);
  await redis?.stop();
});

const bases = (): string[] => nodes.map((n) => n.url);
const live = (): string[] => nodes.filter((n) => n.alive).map((n) => n.url);

async function openClients(n: number): Promise<FailoverStream[]> {
  const list = Array.from({ length: n }, (_, i) => new FailoverStream(bases, i % 3, '/v1/stream?types=tools', token));
  streams.push(...list);
  await Promise.all(list.map((s) => s.waitFor((x) => x.opens >= 1, 'the first connection')));
  return list;
}

/** Every client holds exactly the posted markers, once each, with consecutive ids, in one order. */
function checkExactlyOnce(list: FailoverStream[], posted: Produced): { lost: number; duplicated: number } {
  const reference = list[0] as FailoverStream;
  const first = reference.ids[0] ?? 0;
  const want = Array.from({ length: posted.markers.length }, (_, k) => first + k);
  let lost = 0;
  let duplicated = 0;
  for (const s of list) {
    const distinct = new Set(s.markers);
    duplicated += s.markers.length - distinct.size;
    lost += posted.markers.filter((m) => !distinct.has(m)).length;
    expect(s.resetFrames).toEqual([]);
    expect(s.ids).toEqual(want);
    expect(s.markers).toEqual(reference.markers); // one order, same events
  }
  return { lost, duplicated };
}

describe('three instances on one Redis', () => {
  it('every client on any instance receives every event ingested on any instance exactly once, in one order', { timeout: budget(90_000, 600_000) }, async () => {
    const clients = await openClients(CLIENTS);
    const t0 = performance.now();
    const posted = await produce({ targets: bases, token, tag: 'all', total: EVENTS, batch: 20, concurrency: 3 });
    const postMs = since(t0);
    await Promise.all(clients.map((s) => s.waitFor((x) => x.ids.length >= EVENTS, `${EVENTS} events`, budget(60_000, 300_000))));
    const { lost, duplicated } = checkExactlyOnce(clients, posted);
    expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
    figures.set('exactlyOnce', { instances: 3, clients: CLIENTS, events: EVENTS, eventsLost: lost, duplicates: duplicated, postMs, deliveredAllMs: since(t0) });
    for (const s of clients) s.close();
  });

  it('an instance killed mid-stream: its clients resume on another instance with Last-Event-ID and miss nothing', { timeout: budget(90_000, 600_000) }, async () => {
    const clients = await openClients(CLIENTS);
    const victim = nodes[0] as ServeProcess;
    const survivors = (): string[] => live().filter((u) => u !== victim.url);
    let killedAt = 0;
    const killed: { exit: Promise<unknown> | null } = { exit: null };
    const producing = produce({
      targets: survivors, // producers only talk to instances that stay up: no ambiguous retries
      token,
      tag: 'kill',
      total: KILL_EVENTS,
      batch: 5,
      ratePerS: KILL_RATE,
      onProgress: (acked) => {
        if (killed.exit === null && acked >= KILL_EVENTS / 3) {
          killedAt = performance.now();
          killed.exit = victim.kill('SIGKILL');
        }
      },
    });
    const posted = await producing;
    expect(await killed.exit).toMatchObject({ signal: 'SIGKILL' });
    const orphans = clients.filter((s) => s.connections[0] === 0);
    expect(orphans.length).toBeGreaterThan(0);
    await Promise.all(orphans.map((s) => s.waitFor((x) => x.opens >= 2, 'a reconnection to another instance')));
    const failoverMs = Math.round(Math.max(...orphans.map((s) => (s.connectedAt[1] ?? NaN) - killedAt)));
    await Promise.all(clients.map((s) => s.waitFor((x) => x.ids.length >= KILL_EVENTS, `${KILL_EVENTS} events`, budget(60_000, 300_000))));
    for (const s of orphans) expect(s.connections.slice(1).every((i) => i !== 0)).toBe(true);
    const { lost, duplicated } = checkExactlyOnce(clients, posted);
    expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
    figures.set('instanceKilled', {
      clients: CLIENTS,
      clientsMoved: orphans.length,
      events: KILL_EVENTS,
      ratePerS: KILL_RATE,
      eventsLost: lost,
      duplicates: duplicated,
      resets: clients.reduce((n, s) => n + s.resetFrames.length, 0),
      failoverMs,
    });
  });
});
