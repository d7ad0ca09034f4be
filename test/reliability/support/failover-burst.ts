// The skeleton the Redis topology fault tests (redis-cluster-faults, redis-sentinel-faults) share: a
// burst of revocations across two instances during which, at a third of the acknowledgements, the
// primary is killed; the failover and the killed node's rejoin are timed while a RevokedWatcher keeps
// looking revoked tokens up. What to kill, what "failed over" means and how the node rejoins are the
// caller's (topology-specific); so are the assertions.
import { randomUUID } from 'node:crypto';
import type { RedisTopology } from '../../../service/src/redis/topology';
import { RedisRevocationStore } from '../../../service/src/revocation/redis-store';
import { waitUntil } from '../../support/redis-cluster';
import { startTestService, type TestService } from '../../service/harness';
import { since } from './figures';
import { revocationBurst, type BurstResult, type RevokedWatcher } from './topology-faults';

export interface TwoInstances {
  a: TestService;
  b: TestService;
  /** The test's own store on the topology (no cache: every lookup asks Redis), for the watcher. */
  watchStore: RedisRevocationStore;
}

/** Instances 'a' and 'b' of the service on one Redis topology (`env` names it), and the watch store. */
export async function startTwoInstances(env: Record<string, string>, topology: RedisTopology, keyPrefix: string): Promise<TwoInstances> {
  const [a, b] = await Promise.all([startTestService({ ...env, M1_INSTANCE_ID: 'a' }), startTestService({ ...env, M1_INSTANCE_ID: 'b' })]);
  const watchStore = new RedisRevocationStore({ topology, keyPrefix, commandTimeoutMs: 300, connectTimeoutMs: 1000 });
  try {
    await watchStore.ready();
  } catch (e) {
    await Promise.all([watchStore.close(), a.close(), b.close()]);
    throw e;
  }
  return { a, b, watchStore };
}

export interface FailoverTimes {
  failoverMs: number;
  rejoinedMs: number;
}

export interface FailoverBurst {
  result: BurstResult;
  /** null if the fault never ran (the burst ended before a third was acknowledged). */
  sup: FailoverTimes | null;
  /** The watcher's outcomes (it is stopped once the burst and the fault are over). */
  outcomes: Record<string, number>;
  admitted: number;
  killAt: number;
  t0: number;
}

export async function revocationBurstWithFailover(o: {
  bases: string[];
  admin: string;
  burst: number;
  watcher: RevokedWatcher;
  /** SIGKILL the primary and wait for its exit. */
  kill: () => Promise<void>;
  /** True once the topology has a new primary (polled for up to 60 s). */
  failedOver: () => Promise<boolean>;
  failoverWhat: string;
  /** The killed node back (as an orchestrator would restart it), waited for until it has rejoined. */
  rejoin: () => Promise<void>;
}): Promise<FailoverBurst> {
  const jtis = Array.from({ length: o.burst }, () => randomUUID());
  let killAt = 0;
  let supervisor: Promise<FailoverTimes> | null = null;
  const t0 = performance.now();
  const result = await revocationBurst({
    bases: o.bases,
    admin: o.admin,
    jtis,
    concurrency: 16,
    onAck: (n) => {
      if (n !== Math.floor(o.burst / 3) || supervisor) return;
      supervisor = (async () => {
        killAt = performance.now();
        await o.kill();
        const failoverMs = await waitUntil(o.failedOver, o.failoverWhat, 60_000).then(() => since(killAt));
        await o.rejoin();
        return { failoverMs, rejoinedMs: since(killAt) };
      })();
    },
  });
  const sup = await (supervisor as Promise<FailoverTimes> | null);
  const outcomes = await o.watcher.stop();
  return { result, sup, outcomes, admitted: o.watcher.admitted, killAt, t0 };
}

/** The figures both tests record for the burst (burstMs runs until this is called). */
export function failoverFigures(r: FailoverBurst, burst: number, lost: number): Record<string, unknown> {
  return {
    revocations: burst,
    acknowledged: r.result.acked.length,
    refused503: r.result.refused,
    lost,
    revokedAdmitted: r.admitted,
    watcherOutcomes: r.outcomes,
    failoverMs: r.sup?.failoverMs ?? null,
    replicaRejoinedMs: r.sup?.rejoinedMs ?? null,
    writesRefusedForMs: r.result.lastRefusedAt === null ? 0 : Math.round(r.result.lastRefusedAt - r.killAt),
    burstMs: since(r.t0),
  };
}

async function healthzOk(svc: TestService): Promise<boolean> {
  const h = (await (await fetch(`${svc.url}/healthz`)).json()) as { status: string };
  return h.status === 'ok';
}

/** Waits until both instances' /healthz says ok; the ms it took. */
export async function healthzOkOnBoth(a: TestService, b: TestService): Promise<number> {
  return waitUntil(async () => (await healthzOk(a)) && (await healthzOk(b)), 'healthz ok on both instances', 30_000, 100);
}
