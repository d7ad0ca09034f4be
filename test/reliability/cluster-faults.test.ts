// Revocation under faults, three `m1-ops serve` processes on one private Redis (append-only file,
// fsync always: what Redis acknowledged survives its restart) with a 1 s revocation cache TTL:
// - a burst of revocations spread over the instances: every acknowledged one is enforced by every
//   instance and by the library checker an application embeds;
// - pub/sub connections killed (CLIENT KILL TYPE pubsub): a revocation made meanwhile is enforced
//   everywhere by the time the cache TTL has passed;
// - Redis killed and restarted: while it is down no revoked (or uncheckable) token is admitted,
//   ingestion answers 503; when it is back everything recovers by itself, no service restart.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRevocationChecker } from '../../service/src/revocation/index';
import type { RevocationChecker } from '../../service/src/revocation/checker';
import { binaries, type Binaries } from './support/build';
import { startCluster } from './support/cluster';
import { Figures, since } from './support/figures';
import { healthy, postJson, send } from './support/http';
import { budget, scale } from './support/mode';
import { PrivateRedis } from './support/redis';
import { introspect, revokeBurst, type Introspection } from './support/revocations';
import { killAll, TEST_SECRET, type ServeProcess } from './support/serve';
import { CountingStream } from './support/sse-raw';
import { adminToken, appToken } from './support/tokens';
import { pollUntil, Waiters } from './support/waiters';

const PREFIX = 'rel:ft:';
const TTL_S = 1;
const BURST = scale(5_000, 100_000);
const OUTAGE_MS = scale(3_000, 20_000);
const SAMPLE = 30;

const figures = new Figures('cluster-faults');
let bin: Binaries;
let redis: PrivateRedis;
let nodes: ServeProcess[] = [];
let admin: string;
let lib: RevocationChecker;

beforeAll(async () => {
  bin = binaries();
  redis = await PrivateRedis.start({ persistent: true });
  nodes = await startCluster({
    cli: bin.cli,
    redisUrl: redis.url,
    prefix: PREFIX,
    size: 3,
    env: { TOKEN_REVOCATION_CACHE_TTL_S: String(TTL_S), REDIS_COMMAND_TIMEOUT_MS: '300' },
  });
  admin = await adminToken(TEST_SECRET, { sub: 'fault-admin' });
  lib = await createRevocationChecker({ redisUrl: redis.url, keyPrefix: PREFIX, cacheTtlS: TTL_S, commandTimeoutMs: 300, deniedAudit: false });
}, 120_000);
afterAll(async () => {
  figures.write();
  await lib?.close();
  await killAll(nodes);
  await redis?.stop();
});

const bases = (): string[] => nodes.map((n) => n.url);
const exp = (): number => Math.floor(Date.now() / 1000) + 3600;
const claimsOf = (jti: string): { jti: string; exp: number } => ({ jti, exp: exp() });

/** Introspection of every token on every instance: how many answers admitted a token. */
async function admittedOnInstances(tokens: readonly string[]): Promise<{ admitted: number; answers: Record<string, number> }> {
  const answers: Record<string, number> = {};
  for (const base of bases()) {
    for (const t of tokens) {
      const a = await introspect(base, admin, t);
      answers[a] = (answers[a] ?? 0) + 1;
    }
  }
  return { admitted: answers.active ?? 0, answers };
}

describe('revocations across three instances', () => {
  it(`a burst of ${BURST} revocations: every acknowledged one is enforced by every instance and by the library`, { timeout: budget(120_000, 900_000) }, async () => {
    const sampleJtis = Array.from({ length: SAMPLE }, () => randomUUID());
    const sample = await Promise.all(sampleJtis.map((j) => appToken(TEST_SECRET, j)));
    // Cached as "allowed" on the instances that will not make the revocation, and in the library.
    expect((await admittedOnInstances(sample)).admitted).toBe(SAMPLE * 3);
    for (const j of sampleJtis) expect(await lib.isRevoked(claimsOf(j))).toBe(false);

    const jtis = [...sampleJtis, ...Array.from({ length: BURST - SAMPLE }, () => randomUUID())];
    const t0 = performance.now();
    const burst = await revokeBurst(bases, admin, jtis, scale(48, 96), exp(), undefined, 3);
    const burstMs = since(t0);
    expect({ refused: burst.refused, unanswered: burst.unanswered }).toEqual({ refused: {}, unanswered: 0 });
    expect(burst.acked).toHaveLength(BURST);

    let libAdmitted = 0;
    for (let i = 0; i < burst.acked.length; i += 5000) {
      const answers = await Promise.all(burst.acked.slice(i, i + 5000).map((j) => lib.isRevoked(claimsOf(j))));
      libAdmitted += answers.filter((revoked) => !revoked).length;
    }
    const onInstances = await admittedOnInstances(sample);
    expect({ libAdmitted, instancesAdmitted: onInstances.admitted }).toEqual({ libAdmitted: 0, instancesAdmitted: 0 });
    figures.set('revocationBurst', {
      revocations: BURST,
      concurrency: scale(48, 96),
      acknowledged: burst.acked.length,
      burstMs,
      perSecond: Math.round(BURST / (burstMs / 1000)),
      revokedAdmittedByLibrary: libAdmitted,
      revokedAdmittedByInstances: onInstances.admitted,
      instanceChecks: SAMPLE * 3,
      retried503: burst.retried,
    });
  });

  it('pub/sub killed: a revocation made meanwhile is enforced everywhere by the time the cache TTL has passed', { timeout: budget(60_000, 120_000) }, async () => {
    const jti = randomUUID();
    const token = await appToken(TEST_SECRET, jti);
    const [a, b, c] = bases() as [string, string, string];
    expect(await introspect(b, admin, token)).toBe('active');
    expect(await introspect(c, admin, token)).toBe('active');
    expect(await lib.isRevoked(claimsOf(jti))).toBe(false);

    const killed = Number(await redis.command('CLIENT', 'KILL', 'TYPE', 'pubsub'));
    expect(killed).toBeGreaterThanOrEqual(4); // three instances and the library
    expect((await postJson(`${a}/v1/tokens/revoke`, { token, reason: 'pubsub test' }, admin)).status).toBe(200);
    const t0 = performance.now();

    // Watch until the TTL has passed (plus a margin for a loaded machine), noting when each observer
    // first denied; the assertion is on the state once the TTL is over, not on a speed.
    const firstDenied: Record<string, number | null> = { instanceB: null, instanceC: null, library: null };
    const look = async (): Promise<Record<string, boolean>> => ({
      instanceB: (await introspect(b, admin, token)) !== 'active',
      instanceC: (await introspect(c, admin, token)) !== 'active',
      library: await lib.isRevoked(claimsOf(jti)),
    });
    let state: Record<string, boolean> = {};
    await pollUntil(
      async () => {
        state = await look();
        for (const [k, denied] of Object.entries(state)) if (denied && firstDenied[k] === null) firstDenied[k] = since(t0);
        return performance.now() - t0 > TTL_S * 1000 + 250;
      },
      'the cache TTL to pass',
      30_000,
    );
    expect(state).toEqual({ instanceB: true, instanceC: true, library: true });
    expect(await introspect(b, admin, token)).toBe('inactive');
    figures.set('pubsubKilled', { pubsubClientsKilled: killed, cacheTtlS: TTL_S, firstDeniedMsAfterAck: firstDenied, revokedAdmittedAfterTtl: 0 });
  });

  it('Redis killed and restarted: fail closed while down (nothing revoked admitted), recovery without restarting the service', { timeout: budget(120_000, 300_000) }, async () => {
    const pids = nodes.map((n) => n.pid);
    const waiters = new Waiters();
    const streams = bases().map((u) => new CountingStream(`${u}/v1/stream`, admin, waiters));
    await waiters.until(() => streams.every((s) => s.status === 200), 'streams open', 30_000);
    let acked = 0;
    const post = async (base: string, n: number): Promise<number> => {
      const events = Array.from({ length: n }, (_, k) => ({ type: 'health', component: `outage-${k}`, status: 'up' }));
      const r = await send('POST', `${base}/v1/events`, { token: admin, body: JSON.stringify({ events }) }).catch(() => null);
      if (r?.status === 202) acked += n;
      return r?.status ?? 0;
    };
    for (const base of bases()) expect(await post(base, 5)).toBe(202);

    const revokedJti = randomUUID();
    const revoked = await appToken(TEST_SECRET, revokedJti);
    const fine = await appToken(TEST_SECRET);
    expect((await postJson(`${bases()[0] as string}/v1/tokens/revoke`, { token: revoked, reason: 'outage test' }, admin)).status).toBe(200);

    await redis.stop('SIGKILL');
    const tDown = performance.now();
    const during: Record<string, number> = {};
    const note = (k: string): void => void (during[k] = (during[k] ?? 0) + 1);
    let admitted = 0; // a revoked token, or one that could not be checked, said active
    let libAdmitted = 0;
    let degraded = 0;
    await pollUntil(
      async () => {
        for (const base of bases()) {
          const r: Introspection = await introspect(base, admin, revoked);
          const u: Introspection = await introspect(base, admin, await appToken(TEST_SECRET)); // never cached
          note(`revoked:${r}`);
          note(`unchecked:${u}`);
          if (r === 'active' || u === 'active') admitted++;
          note(`ingest:${await post(base, 1)}`);
          const h = JSON.parse((await send('GET', `${base}/healthz`)).text) as { status: string };
          if (h.status === 'degraded') degraded++;
        }
        if (!(await lib.isRevoked(claimsOf(revokedJti)))) libAdmitted++;
        if (!(await lib.isRevoked(claimsOf(randomUUID())))) libAdmitted++;
        return performance.now() - tDown > OUTAGE_MS;
      },
      'the outage to last its time',
      OUTAGE_MS + 60_000,
      100,
    );
    expect({ admitted, libAdmitted }).toEqual({ admitted: 0, libAdmitted: 0 });
    expect(during['ingest:202'] ?? 0).toBe(0);
    expect(degraded).toBeGreaterThan(0);

    await redis.start();
    const tUp = performance.now();
    const recovery: Record<string, number> = {};
    await Promise.all(
      bases().map(async (base, i) => {
        recovery[`inst-${i}:ingest`] = Math.round(await pollUntil(async () => (await post(base, 1)) === 202, 'ingestion back', 60_000, 100));
        recovery[`inst-${i}:revocationCheck`] = Math.round(await pollUntil(async () => (await introspect(base, admin, fine)) === 'active', 'checks back', 60_000, 100));
        recovery[`inst-${i}:healthz`] = Math.round(await pollUntil(() => healthy(base), 'healthz ok', 60_000, 100));
      }),
    );
    recovery.library = Math.round(await pollUntil(async () => !(await lib.isRevoked(claimsOf(randomUUID()))), 'library checks back', 60_000, 100));
    const recoveredMs = since(tUp);
    expect(nodes.map((n) => n.pid)).toEqual(pids);
    expect(nodes.every((n) => n.alive)).toBe(true);
    expect((await admittedOnInstances([revoked])).admitted).toBe(0); // the revocation survived the restart
    expect(await lib.isRevoked(claimsOf(revokedJti))).toBe(true);

    for (const base of bases()) expect(await post(base, 5)).toBe(202);
    await waiters.until(() => streams.every((s) => s.events >= acked), `every stream to hold the ${acked} acknowledged events`, 60_000, () =>
      JSON.stringify(streams.map((s) => ({ events: s.events, last: s.lastId, out: s.outOfOrder, resets: s.resets, ended: s.ended }))),
    );
    for (const s of streams) {
      expect({ outOfOrder: s.outOfOrder, resets: s.resets, ended: s.ended }).toEqual({ outOfOrder: 0, resets: 0, ended: false });
      s.close();
    }
    figures.set('redisRestart', {
      outageMs: OUTAGE_MS,
      answersDuringOutage: during,
      revokedOrUncheckedAdmittedByInstances: admitted,
      revokedOrUncheckedAdmittedByLibrary: libAdmitted,
      recoveryMsAfterRedisBack: recovery,
      allRecoveredMs: recoveredMs,
      eventsAcknowledged: acked,
      eventsLost: Math.max(0, acked - Math.min(...streams.map((s) => s.events))),
      serviceRestarts: 0,
    });
  });
});
