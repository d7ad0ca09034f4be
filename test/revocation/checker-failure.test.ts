// The checker when Redis fails, against a redis-server this file starts (never the shared one):
// dead Redis and hung Redis fail closed and recover; lost pub/sub is bounded by the cache TTL; a
// pub/sub reconnect drops the cache. No timing assertions: outcomes and events only.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RevocationChecker, type RevocationErrorEvent } from '../../service/src/revocation/checker';
import { RedisRevocationStore } from '../../service/src/revocation/redis-store';
import { redisAnswers, startRedisServer, type RedisProcess } from '../support/redis-server';
import { claims, nextEvent, redisCommand, redisPid, StepClock, uniquePrefix } from './helpers';

let redis: RedisProcess;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis.stop();
});
// A test that failed half-way must not leave Redis stopped for the next one.
afterEach(async () => {
  if (!(await redisAnswers('127.0.0.1', redis.port))) await redis.restart();
});

const audit = { action: 'revoke' as const, actor: 'tester', client: null, reason: 'test' };
function rec(jti: string) {
  return { jti, sub: null, tool: null, reason: 'test', actor: 'tester', revokedAt: new Date().toISOString(), expiresAt: null };
}

function makeStore(extra: Partial<ConstructorParameters<typeof RedisRevocationStore>[0]> = {}): RedisRevocationStore {
  return new RedisRevocationStore({ url: redis.url, keyPrefix: uniquePrefix('failure'), commandTimeoutMs: 300, connectTimeoutMs: 1000, ...extra });
}

describe('fail-closed', () => {
  it('denies every uncached check while Redis is down, emits errors events, and recovers', async () => {
    const store = makeStore();
    await store.ready();
    const errors: RevocationErrorEvent[] = [];
    const checker = new RevocationChecker({ store, cacheTtlS: 60, deniedAudit: false, onError: (e) => errors.push(e) });
    const cached = claims();
    expect(await checker.isRevoked(cached)).toBe(false);

    const down = nextEvent(checker, 'store-down');
    await redis.stop();
    await down;
    const results = await Promise.all([claims(), claims(), claims()].map((c) => checker.isRevoked(c)));
    expect(results).toEqual([true, true, true]);
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatchObject({ type: 'errors', code: 'revocation_store_unavailable', severity: 'high', source: 'revocation' });
    expect(checker.stats.failClosed).toBe(3);
    // A fresh cached answer is still used: the spec fails closed only without one.
    expect(await checker.isRevoked(cached)).toBe(false);

    const up = nextEvent(checker, 'store-up');
    await redis.restart();
    await up;
    expect(await checker.isRevoked(claims())).toBe(false);
    await checker.close();
    await store.close();
  });

  it('denies when Redis hangs (command timeout) and answers again once it resumes', async () => {
    const store = makeStore({ commandTimeoutMs: 1000 });
    await store.ready();
    const checker = new RevocationChecker({ store, cacheTtlS: 60, deniedAudit: false });
    const pid = await redisPid(redis.url);
    const failure = nextEvent(checker, 'failure');
    process.kill(pid, 'SIGSTOP');
    let denied: boolean;
    try {
      denied = await checker.isRevoked(claims());
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    expect(denied).toBe(true);
    const [outcome, message] = await failure;
    expect(outcome).toBe('failClosed');
    expect(message).toMatch(/timed out/i);
    expect(await checker.isRevoked(claims())).toBe(false);
    await checker.close();
    await store.close();
  });

  it('fails open only when told to', async () => {
    const store = makeStore();
    await store.ready();
    const checker = new RevocationChecker({ store, cacheTtlS: 60, deniedAudit: false, failOpen: true });
    const down = nextEvent(checker, 'store-down');
    await redis.stop();
    await down;
    expect(await checker.isRevoked(claims())).toBe(false);
    expect(checker.stats.failOpen).toBe(1);
    const up = nextEvent(checker, 'store-up');
    await redis.restart();
    await up;
    await checker.close();
    await store.close();
  });
});

describe('pub/sub loss', () => {
  it('while pub/sub is down, the cache TTL bounds staleness (1 s TTL)', async () => {
    const prefix = uniquePrefix('pubsub');
    const storeA = makeStore({ keyPrefix: prefix });
    // B's subscriber does not reconnect: the feed stays down for the rest of the test.
    const storeB = makeStore({ keyPrefix: prefix, subscriberOverrides: { retryStrategy: () => null } });
    await Promise.all([storeA.ready(), storeB.ready()]);
    const clock = new StepClock();
    const b = new RevocationChecker({ store: storeB, cacheTtlS: 1, deniedAudit: false, now: clock.now });
    const c = claims();
    expect(await b.isRevoked(c)).toBe(false);

    const lost = nextEvent(b, 'pubsub-down');
    await redisCommand(redis.url, 'CLIENT', 'KILL', 'TYPE', 'pubsub');
    await lost;
    await storeA.revoke(rec(c.jti), Date.now() + 60_000, audit);
    // The message never reached B: its cached answer stands until the TTL ...
    expect(await b.isRevoked(c)).toBe(false);
    clock.advance(1001);
    // ... and not a moment longer.
    expect(await b.isRevoked(c)).toBe(true);
    await b.close();
    await Promise.all([storeA.close(), storeB.close()]);
  });

  it('a pub/sub reconnect drops the cache (messages may have been lost meanwhile)', async () => {
    const prefix = uniquePrefix('reconnect');
    const store = makeStore({ keyPrefix: prefix });
    await store.ready();
    const clock = new StepClock();
    const b = new RevocationChecker({ store, cacheTtlS: 3600, deniedAudit: false, now: clock.now });
    const c = claims();
    expect(await b.isRevoked(c)).toBe(false);
    // A revocation whose message is lost: the record is written, nothing is published.
    await redisCommand(redis.url, 'SET', store.keys.jti(c.jti), JSON.stringify({ s: null, t: null, r: null, a: null, at: Date.now(), e: null }), 'PX', 60_000);
    expect(await b.isRevoked(c)).toBe(false); // cached for an hour on B's clock
    const reset = nextEvent(b, 'pubsub-reset');
    await redisCommand(redis.url, 'CLIENT', 'KILL', 'TYPE', 'pubsub');
    await reset;
    expect(await b.isRevoked(c)).toBe(true);
    await b.close();
    await store.close();
  });
});
