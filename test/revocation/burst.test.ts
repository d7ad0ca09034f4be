// 100,000 revocations in a burst: nothing lost (every record and audit entry is there, after a
// restart for the embedded store), memory bounded (the other instance's cache stays within its
// bound; group commit keeps the number of syncs far below the number of revocations).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { RevocationChecker } from '../../service/src/revocation/checker';
import { EmbeddedRevocationStore } from '../../service/src/revocation/embedded-store';
import { RedisRevocationStore } from '../../service/src/revocation/redis-store';
import type { RevocationStore } from '../../service/src/revocation/types';
import { claims, nextEvent, StepClock, uniquePrefix } from './helpers';

const BURST = 100_000;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Revokes `jtis` with `concurrency` requests in flight, as a burst of API calls would. */
async function burst(store: RevocationStore, jtis: string[], concurrency: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jtis.length) {
      const jti = jtis[next++] as string;
      await store.revoke(
        { jti, sub: 'burst', tool: null, reason: 'burst', actor: 'admin', revokedAt: new Date().toISOString(), expiresAt: null },
        Date.now() + 600_000,
        { action: 'revoke', actor: 'admin', client: null, reason: 'burst', jti, sub: 'burst' },
      );
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

describe(`a burst of ${BURST.toLocaleString('en')} revocations`, () => {
  it('on Redis: every record and audit entry stored; the other instance denies them with a bounded cache', { timeout: 120_000 }, async () => {
    const settings = { url: inject('redisUrl'), keyPrefix: uniquePrefix('burst'), commandTimeoutMs: 5000, connectTimeoutMs: 2000 };
    const a = new RedisRevocationStore(settings);
    const bStore = new RedisRevocationStore(settings);
    await Promise.all([a.ready(), bStore.ready()]);
    const clock = new StepClock();
    const b = new RevocationChecker({ store: bStore, cacheTtlS: 3600, maxCacheEntries: 2000, deniedAudit: false, now: clock.now });
    const jtis = Array.from({ length: BURST }, () => randomUUID());
    const watched = jtis.slice(0, 500).map((jti) => claims({ jti }));
    for (const c of watched) expect(await b.isRevoked(c)).toBe(false); // cached as allowed

    await burst(a, jtis, 1000);
    // Pub/sub is ordered: once B has heard a marker published after the burst, it has heard the burst.
    const marker = randomUUID();
    const heard = new Promise<void>((resolve) => b.on('invalidated', (j) => j === marker && resolve()));
    const reset = nextEvent(b, 'pubsub-reset'); // or its feed reconnected and dropped the cache: also safe
    await burst(a, [marker], 1);
    await Promise.race([heard, reset]);

    for (const c of watched) expect(await b.isRevoked(c)).toBe(true);
    expect(b.cacheSize).toBeLessThanOrEqual(2000);
    let found = 0;
    for (let i = 0; i < jtis.length; i += 5000) {
      const values = await a.redis.mget(jtis.slice(i, i + 5000).map((j) => a.keys.jti(j)));
      found += values.filter((v) => v !== null).length;
    }
    expect(found).toBe(BURST);
    expect(await a.redis.xlen(a.keys.audit)).toBe(BURST + 1);
    await b.close();
    await Promise.all([a.close(), bStore.close()]);
  });

  it('on the embedded store: all of it survives a restart, with group commit', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'm1-rev-burst-'));
    dirs.push(dir);
    const s1 = await EmbeddedRevocationStore.open({ dataDir: dir });
    const jtis = Array.from({ length: BURST }, () => randomUUID());
    await burst(s1, jtis, 1000);
    expect(s1.syncs).toBeLessThan(BURST / 10); // many revocations per fdatasync
    expect(s1.syncs).toBeGreaterThan(0);
    await s1.close();
    const s2 = await EmbeddedRevocationStore.open({ dataDir: dir });
    expect(s2.recovery).toEqual({ lines: BURST, truncatedBytes: 0, skipped: 0 });
    let missing = 0;
    for (const jti of jtis) if ((await s2.getRecord(jti)) === null) missing++;
    expect(missing).toBe(0);
    expect((await s2.queryAudit({ limit: BURST + 1 })).entries).toHaveLength(BURST);
    await s2.close();
  });
});
