// The checker against the suite's shared Redis: two instances on one Redis, revoke and revoke-all
// propagate through pub/sub, concurrent checks share a lookup.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RevocationChecker } from '../../service/src/revocation/checker';
import { RedisRevocationStore } from '../../service/src/revocation/redis-store';
import type { RevocationRecord } from '../../service/src/revocation/types';
import { claims, nextEvent, StepClock, uniquePrefix } from './helpers';

const prefix = uniquePrefix('checker-redis');
const settings = { url: inject('redisUrl'), keyPrefix: prefix, commandTimeoutMs: 1000, connectTimeoutMs: 2000 };

function record(c: { jti: string; sub?: string; exp?: number }): RevocationRecord {
  return {
    jti: c.jti,
    sub: c.sub ?? null,
    tool: null,
    reason: 'test',
    actor: 'tester',
    revokedAt: new Date().toISOString(),
    expiresAt: c.exp === undefined ? null : new Date(c.exp * 1000).toISOString(),
  };
}
const audit = { action: 'revoke' as const, actor: 'tester', client: '127.0.0.1', reason: 'test' };

describe('RevocationChecker on Redis, two instances', () => {
  let storeA: RedisRevocationStore;
  let storeB: RedisRevocationStore;
  let a: RevocationChecker;
  let b: RevocationChecker;
  const clockB = new StepClock();

  beforeAll(async () => {
    storeA = new RedisRevocationStore(settings);
    storeB = new RedisRevocationStore(settings);
    await Promise.all([storeA.ready(), storeB.ready()]);
    a = new RevocationChecker({ store: storeA, cacheTtlS: 60, deniedAudit: false });
    // B's clock never moves by itself: only an invalidation can change a cached answer.
    b = new RevocationChecker({ store: storeB, cacheTtlS: 60, deniedAudit: false, now: clockB.now });
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    await Promise.all([storeA.close(), storeB.close()]);
  });

  it('revoked on A is denied on A and, through pub/sub, on B despite B\'s cached answer', async () => {
    const c = claims();
    expect(await a.isRevoked(c)).toBe(false);
    expect(await b.isRevoked(c)).toBe(false); // now cached on B for 60 s
    const heard = nextEvent(b, 'invalidated');
    await storeA.revoke(record(c), Date.now() + 3_600_000, audit);
    expect(await a.isRevoked(c)).toBe(true);
    expect(await heard).toEqual([c.jti]);
    expect(await b.isRevoked(c)).toBe(true);
    expect(b.stats.revoked).toBeGreaterThan(0);
  });

  it('revoke-all by subject denies older tokens and admits one issued after', async () => {
    const sub = 'alice-' + Date.now();
    const old = claims({ sub, iat: Math.floor(Date.now() / 1000) - 60 });
    const other = claims({ iat: old.iat });
    expect(await b.isRevoked(old)).toBe(false);
    const heard = nextEvent(b, 'not-before');
    const nb = Date.now();
    await storeA.revokeAll({ kind: 'sub', value: sub, notBefore: nb, until: nb + 3_600_000 }, { ...audit, action: 'revoke-all', sub });
    await heard;
    const fresh = claims({ sub, iat: Math.floor(nb / 1000) + 1 });
    for (const checker of [a, b]) {
      expect(await checker.isRevoked(old)).toBe(true);
      expect(await checker.isRevoked(fresh)).toBe(false);
      expect(await checker.isRevoked(other)).toBe(false);
      expect(await checker.isRevoked({ jti: 'no-iat-' + sub, sub })).toBe(true); // cannot prove it is newer
    }
  });

  it('revoke-all by tool applies to that tool only', async () => {
    const tool = 'search-' + Date.now();
    const c = claims({ tool });
    const nb = Date.now();
    await storeA.revokeAll({ kind: 'tool', value: tool, notBefore: nb, until: nb + 60_000 }, { ...audit, action: 'revoke-all', tool });
    expect(await a.isRevoked(c)).toBe(true);
    expect(await a.isRevoked(claims({ tool: 'other-tool' }))).toBe(false);
  });

  it('accepts a raw JWT and denies a malformed one', async () => {
    const c = claims();
    const enc = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
    const jwt = `${enc({ alg: 'HS256' })}.${enc(c)}.sig`;
    expect(await a.isRevoked(jwt)).toBe(false);
    await storeA.revoke(record(c), Date.now() + 60_000, audit);
    expect(await a.isRevoked(jwt)).toBe(true);
    expect(await a.isRevoked('not-a-jwt')).toBe(true);
    expect(a.stats.malformed).toBe(1);
  });

  it('concurrent checks of one token share one lookup', async () => {
    const c = claims();
    const misses = a.stats.cacheMisses;
    const results = await Promise.all(Array.from({ length: 50 }, () => a.isRevoked(c)));
    expect(results.every((r) => r === false)).toBe(true);
    expect(a.stats.cacheMisses - misses).toBe(50);
    expect(a.cacheSize).toBeGreaterThan(0);
    expect(await storeA.getRecord(c.jti)).toBeNull();
  });

  it('keeps the record readable with its fields', async () => {
    const c = claims({ tool: 'deploy' });
    const r = { ...record(c), tool: 'deploy' };
    await storeA.revoke(r, Date.now() + 60_000, audit);
    expect(await storeB.getRecord(c.jti)).toEqual({ ...r, revokedAt: new Date(Date.parse(r.revokedAt)).toISOString() });
  });
});
