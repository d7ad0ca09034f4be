// Redis memory for 1,000,000 revoked tokens, written the way the service writes them
// (RedisRevocationStore.revoke: record with TTL + audit stream entry + PUBLISH, one MULTI each),
// with realistic fields (UUID jti, subject, tool, reason, admin actor, exp in 1 h). Reported per
// token with and without the audit stream (which is trimmed to 30 days, so it holds every
// revocation of the last month). A private redis-server on a free port.
// Run: `node scripts/build.mjs && node bench/revocation/memory.bench.mjs [count]`
import { randomUUID } from 'node:crypto';
import { fmt, loadLibrary, startRedis } from './common.mjs';

const { RedisRevocationStore } = loadLibrary();
const COUNT = Number(process.argv[2] ?? 1_000_000);
const CONCURRENCY = 2000;
const redis = await startRedis();
const store = new RedisRevocationStore({ url: redis.url, keyPrefix: 'm1:', commandTimeoutMs: 10_000, connectTimeoutMs: 2000 });
await store.ready();
const used = async () => Number(/used_memory:(\d+)/.exec(await store.redis.info('memory'))[1]);

const before = await used();
const t0 = performance.now();
let next = 0;
const exp = Math.floor(Date.now() / 1000) + 3600;
const worker = async () => {
  while (next < COUNT) {
    const i = next++;
    const jti = randomUUID();
    const sub = `user-${i % 50_000}`;
    await store.revoke(
      { jti, sub, tool: 'search', reason: 'compromised laptop', actor: 'admin@example.com', revokedAt: new Date().toISOString(), expiresAt: new Date(exp * 1000).toISOString() },
      exp * 1000 + 300_000,
      { action: 'revoke', actor: 'admin@example.com', client: '10.1.2.3', reason: 'compromised laptop', jti, sub, tool: 'search' },
    );
  }
};
await Promise.all(Array.from({ length: CONCURRENCY }, worker));
const secs = (performance.now() - t0) / 1000;
const withAudit = await used();
const keys = await store.redis.dbsize();
await store.redis.del(store.keys.audit);
const recordsOnly = await used();
const per = (bytes) => (bytes - before) / COUNT;
console.log(`redis ${(/redis_version:(\S+)/.exec(await store.redis.info('server')) ?? [])[1]}, ${fmt(COUNT)} revocations in ${secs.toFixed(1)} s (${fmt(COUNT / secs)}/s through the store, ${CONCURRENCY} in flight), ${fmt(keys)} keys`);
console.table([
  { measure: 'records + audit stream', 'used_memory MB': ((withAudit - before) / 1048576).toFixed(1), 'bytes per token': per(withAudit).toFixed(0) },
  { measure: 'records only (jti keys with TTL)', 'used_memory MB': ((recordsOnly - before) / 1048576).toFixed(1), 'bytes per token': per(recordsOnly).toFixed(0) },
]);
await store.close();
await redis.stop();
