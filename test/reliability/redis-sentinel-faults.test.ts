// The service behind its own Sentinel set (a primary, a replica, three sentinels) under faults; two
// service instances (in this process), REDIS_REVOCATION_MIN_REPLICAS 1 (the default here):
// one sentinel is partitioned (SIGSTOP: it answers nothing, and it is the first one the clients
// ask), then the primary is SIGKILLed during a burst of revocations. The two other sentinels are a
// quorum and fail over; every acknowledged revocation survives (0 lost), no revoked token is admitted
// meanwhile, the failover is timed, and the service resumes with no restart.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RedisTopology } from '../../service/src/redis/topology';
import type { RedisRevocationStore } from '../../service/src/revocation/redis-store';
import { nodeCommand, waitUntil } from '../support/redis-cluster';
import { RedisSentinelSet, SENTINEL_MASTER } from '../support/redis-sentinel';
import { postJson, type TestService } from '../service/harness';
import { Figures } from './support/figures';
import { budget, scale } from './support/mode';
import { failoverFigures, healthzOkOnBoth, revocationBurstWithFailover, startTwoInstances } from './support/failover-burst';
import { revocationBurst, RevokedWatcher } from './support/topology-faults';

const PREFIX = 'rel:rs:';
const BURST = scale(150, 3_000);
const figures = new Figures('redis-sentinel-faults');

let set: RedisSentinelSet;
let a: TestService;
let b: TestService;
let watchStore: RedisRevocationStore;

beforeAll(async () => {
  set = await RedisSentinelSet.start();
  const topology: RedisTopology = { kind: 'sentinel', sentinels: set.sentinels, master: SENTINEL_MASTER, tls: false };
  const env = { REDIS_SENTINELS: set.sentinelsList, REDIS_SENTINEL_MASTER: SENTINEL_MASTER, REDIS_KEY_PREFIX: PREFIX, REDIS_CONNECT_TIMEOUT_MS: '1000', LOG_LEVEL: 'warn' };
  ({ a, b, watchStore } = await startTwoInstances(env, topology, PREFIX));
}, 120_000);
afterAll(async () => {
  figures.write();
  await watchStore?.close();
  await Promise.all([a?.close(), b?.close()]);
  await set?.stop();
});

describe('a sentinel partitioned, then the primary killed during a burst of revocations', () => {
  it('fails over on the two remaining sentinels: 0 acknowledged revocations lost, no revoked token admitted, no restart', async () => {
    const admin = await a.token();
    const watched = Array.from({ length: 20 }, () => randomUUID());
    expect((await revocationBurst({ bases: [a.url], admin, jtis: watched, concurrency: 4 })).acked).toHaveLength(20);
    const watcher = new RevokedWatcher(watchStore, () => watched);
    const oldPrimary = await set.primaryPort();
    const partitioned = set.sentinelPorts[0] as number;
    set.pause(partitioned);

    const live = set.sentinelPorts.filter((p) => p !== partitioned);
    const run = await revocationBurstWithFailover({
      bases: [a.url, b.url],
      admin,
      burst: BURST,
      watcher,
      kill: () => set.kill(oldPrimary),
      failedOver: async () => {
        for (const s of live) if ((await set.primaryPort(s)) === oldPrimary) return false;
        return true;
      },
      failoverWhat: 'the sentinels to promote the replica',
      // The lost server comes back (an orchestrator restarts it) as the new primary's replica.
      rejoin: async () => {
        await set.restartAsReplica(oldPrimary);
        await waitUntil(async () => String(await nodeCommand(oldPrimary, 'INFO', 'replication')).includes('master_link_status:up'), 'the old primary to rejoin as a replica', 60_000);
      },
    });
    const { result, sup } = run;
    const lost: string[] = [];
    for (const jti of result.acked) if (!(await watchStore.lookup({ jti })).jtiRevoked) lost.push(jti);
    set.resume(partitioned);
    const readyMs = await set.waitReady();
    const healthzMs = await healthzOkOnBoth(a, b);
    figures.set('failover', {
      ...failoverFigures(run, BURST, lost.length),
      sentinelsAgreeAfterResumeMs: Math.round(readyMs),
      healthzOkAfterMs: Math.round(healthzMs),
      metrics: a.deps.metrics.render().split('\n').filter((l) => l.startsWith('m1_redis_errors_total')),
    });
    expect(sup).not.toBeNull();
    expect(result.acked).toHaveLength(BURST);
    expect(lost).toEqual([]);
    expect(watcher.admitted).toBe(0);
    expect(await set.primaryPort()).not.toBe(oldPrimary);
    expect((await postJson(`${b.url}/v1/events`, { type: 'costs', amountUsd: 1 }, await b.token())).status).toBe(202);
  }, budget(120_000, 600_000));
});
