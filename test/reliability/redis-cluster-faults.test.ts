// The service on its own Redis Cluster (3 primaries, 3 replicas) under faults; two service instances
// (in this process, the same createDeps + buildApp as `m1-ops serve`), REDIS_REVOCATION_MIN_REPLICAS 1:
// - a primary SIGKILLed during a burst of revocations: every acknowledged revocation survives the
//   failover (0 lost), no revoked token is admitted meanwhile (lookups fail closed), the failover is
//   timed, and everything resumes with no restart of the service;
// - slots resharded under load (the events' slot migrated key by key, and a block of revocation slots
//   moved by redis-cli): MOVED/ASK are followed, 0 events lost, every stream the same, ids consecutive.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keySlot } from '../../service/src/redis/slots';
import type { RedisTopology } from '../../service/src/redis/topology';
import type { RedisRevocationStore } from '../../service/src/revocation/redis-store';
import { eventKeys } from '../../service/src/store/redis';
import { nodeCommand, RedisClusterProcess, waitUntil } from '../support/redis-cluster';
import { postJson, type TestService } from '../service/harness';
import { openStream, rawIds, type StreamClient } from '../service/sse-client';
import { Figures, since } from './support/figures';
import { budget, scale } from './support/mode';
import { failoverFigures, healthzOkOnBoth, revocationBurstWithFailover, startTwoInstances } from './support/failover-burst';
import { revocationBurst, RevokedWatcher } from './support/topology-faults';

const PREFIX = 'rel:rc:';
const BURST = scale(150, 3_000);
const EVENTS = scale(150, 3_000);
const figures = new Figures('redis-cluster-faults');

let cluster: RedisClusterProcess;
let a: TestService;
let b: TestService;
let watchStore: RedisRevocationStore;
let topology: RedisTopology;

beforeAll(async () => {
  cluster = await RedisClusterProcess.start();
  topology = { kind: 'cluster', nodes: cluster.nodes, tls: false };
  ({ a, b, watchStore } = await startTwoInstances({ REDIS_CLUSTER_NODES: cluster.nodesList, REDIS_KEY_PREFIX: PREFIX, LOG_LEVEL: 'warn' }, topology, PREFIX));
}, 120_000);
afterAll(async () => {
  figures.write();
  await watchStore?.close();
  await Promise.all([a?.close(), b?.close()]);
  await cluster?.stop();
});

const recordKey = (jti: string): string => `${PREFIX}rv:j:${jti}`;

async function notRevoked(jtis: string[]): Promise<string[]> {
  const missing: string[] = [];
  for (let i = 0; i < jtis.length; i += 200) {
    const chunk = jtis.slice(i, i + 200);
    const r = await Promise.all(chunk.map((jti) => watchStore.lookup({ jti })));
    r.forEach((x, j) => x.jtiRevoked || missing.push(chunk[j] as string));
  }
  return missing;
}

describe('a primary killed during a burst of revocations', () => {
  it('loses no acknowledged revocation, admits no revoked token, and resumes without a service restart', async () => {
    const admin = await a.token();
    // The primary that owns the invalidation channel's slot: its loss also moves every instance's
    // sharded subscription (SSUBSCRIBE) to the replica that takes over.
    const victim = await cluster.primaryOfSlot(keySlot(`${PREFIX}rv:events`));
    const onVictim = (jti: string): boolean => victim.slots.some(([x, y]) => keySlot(recordKey(jti)) >= x && keySlot(recordKey(jti)) <= y);
    // Revoked before the fault, on the shard that will lose its primary: looked up throughout.
    const watched: string[] = [];
    while (watched.length < 20) {
      const j = randomUUID();
      if (onVictim(j)) watched.push(j);
    }
    expect((await revocationBurst({ bases: [a.url], admin, jtis: watched, concurrency: 4 })).acked).toHaveLength(20);
    const watcher = new RevokedWatcher(watchStore, () => watched);

    const run = await revocationBurstWithFailover({
      bases: [a.url, b.url],
      admin,
      burst: BURST,
      watcher,
      kill: () => cluster.kill(victim.port),
      // Failover: the victim's replica is a primary owning its slots, and the cluster is ok.
      failedOver: async () => {
        const p = await cluster.primaryOfSlot(victim.slots[0]?.[0] ?? 0);
        return p.port !== victim.port && String(await nodeCommand(p.port, 'CLUSTER', 'INFO')).includes('cluster_state:ok');
      },
      failoverWhat: 'the replica to take over',
      // What an orchestrator does: the lost node comes back, and rejoins as the new primary's replica.
      rejoin: async () => {
        await cluster.startNode(victim.port);
        await cluster.waitHealthy();
      },
    });
    const { result, sup } = run;
    const lost = await notRevoked(result.acked);
    const allRevokedOnB = await Promise.all(result.acked.slice(0, 30).map(async (jti) => (await fetch(`${b.url}/v1/tokens/${jti}`, { headers: { authorization: `Bearer ${admin}` } }).then((r) => r.json())) as { revoked: boolean }));
    const healthzMs = await healthzOkOnBoth(a, b);
    figures.set('burst', { ...failoverFigures(run, BURST, lost.length), healthzOkAfterMs: Math.round(healthzMs) });
    expect(sup).not.toBeNull();
    expect(result.acked).toHaveLength(BURST);
    expect(lost).toEqual([]);
    expect(watcher.admitted).toBe(0);
    expect(allRevokedOnB.every((x) => x.revoked)).toBe(true);
    // No restart: both instances take events and revocations again, and a revocation made on B reaches
    // A's invalidation feed (its shard subscription followed the channel's slot to the new primary).
    expect((await postJson(`${a.url}/v1/events`, { type: 'costs', amountUsd: 1 }, await a.token())).status).toBe(202);
    const after = randomUUID();
    const heard = new Promise<void>((resolve) => {
      const off = a.app.revocation.store.subscribe({ revoked: (j) => j === after && (off(), resolve()), notBefore: () => undefined, reset: () => undefined, down: () => undefined });
    });
    await waitUntil(() => Promise.resolve((a.app.revocation.store as RedisRevocationStore).feed.isSubscribed), 'the feed to resubscribe', 30_000);
    expect((await revocationBurst({ bases: [b.url], admin, jtis: [after], concurrency: 1, deadlineMs: 10_000 })).acked).toHaveLength(1);
    await heard;
  }, budget(120_000, 600_000));
});

describe('slots resharded under load', () => {
  it('follows MOVED/ASK: every acknowledged event reaches every stream once, in one order, and every revocation holds', async () => {
    const admin = await a.token();
    const streams: StreamClient[] = [openStream(`${a.url}/v1/stream`, await a.token()), openStream(`${b.url}/v1/stream`, await b.token())];
    for (const s of streams) await s.waitFor(() => s.opens === 1, 'stream open');
    const acked: number[] = [];
    let refused = 0;
    let producing = true;
    const producer = (async () => {
      for (let n = 0; n < EVENTS && producing; n++) {
        for (let attempt = 0; ; attempt++) {
          const target = (n + attempt) % 2 === 0 ? a : b;
          const r = await postJson(`${target.url}/v1/events`, { type: 'tools', tool: 'reshard', status: 'ok', durationMs: n }, await target.token()).catch(() => ({ status: -1 }));
          if (r.status === 202) break;
          refused++;
          if (attempt > 200) throw new Error(`event ${n} refused ${attempt} times`);
          await new Promise((res) => setTimeout(res, 20)); // a client's retry back-off
        }
        acked.push(n);
      }
    })();
    const revocations = revocationBurst({ bases: [a.url, b.url], admin, jtis: Array.from({ length: BURST }, () => randomUUID()), concurrency: 4 });

    const t0 = performance.now();
    // The events' slot, key by key (ASK while it moves, MOVED after), and a block of other slots via redis-cli.
    const eventsSlot = keySlot(eventKeys(PREFIX).seq);
    const primaries = (await cluster.topology()).filter((n) => n.role === 'master' && n.slots.length > 0);
    const owner = await cluster.primaryOfSlot(eventsSlot);
    const target = primaries.find((n) => n.id !== owner.id) as { port: number; id: string };
    await waitUntil(() => Promise.resolve(acked.length >= EVENTS / 4), 'a quarter of the events', 60_000);
    await cluster.migrateSlot(eventsSlot, target.port);
    const other = primaries.find((n) => n.id !== owner.id && n.id !== target.id) as { id: string };
    await cluster.reshard(other.id, owner.id, scale(100, 1000));
    const reshardMs = since(t0);
    await producer;
    producing = false;
    const rev = await revocations;
    const last = acked.length;
    for (const s of streams) await s.waitFor((r) => r.filter((x) => (x.data as { tool?: string }).tool === 'reshard').length >= last, `${last} events`, 60_000);
    const [onA, onB] = streams.map((s) => s.received.filter((x) => (x.data as { tool?: string }).tool === 'reshard'));
    const seen = new Set((onA ?? []).map((x) => (x.data as { durationMs: number }).durationMs));
    const lostEvents = acked.filter((n) => !seen.has(n)).length;
    // Every event of the stream (other instances' internal events included): ids consecutive, no gap.
    const ids = rawIds(streams[0]?.received ?? []);
    const consecutive = ids.every((id, i) => i === 0 || id === (ids[i - 1] as number) + 1);
    const lost = await notRevoked(rev.acked);
    figures.set('reshard', {
      events: EVENTS,
      eventsAcknowledged: acked.length,
      eventsRefused: refused,
      eventsLost: lostEvents,
      storedTwice: (onA?.length ?? 0) - seen.size,
      streamsIdentical: JSON.stringify(onA) === JSON.stringify(onB),
      idsConsecutive: consecutive,
      slotsMoved: 1 + scale(100, 1000),
      reshardMs,
      revocations: BURST,
      revocationsRefused503: rev.refused,
      revocationsLost: lost.length,
      metrics: a.deps.metrics.render().split('\n').filter((l) => l.startsWith('m1_redis_errors_total')),
    });
    for (const s of streams) s.close();
    expect(lostEvents).toBe(0);
    expect(onA).toEqual(onB);
    expect(consecutive).toBe(true);
    expect(lost).toEqual([]);
    expect(await cluster.primaryOfSlot(eventsSlot)).toMatchObject({ id: target.id });
  }, budget(120_000, 600_000));
});
