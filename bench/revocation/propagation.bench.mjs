// Propagation A -> B: from the moment instance A starts a revocation until instance B's checker
// has updated its cache (B answers "revoked" from then on), through the shared Redis (MULTI with
// PUBLISH on A, pub/sub on B). B holds the token cached as "not revoked" beforehand, so only the
// invalidation can change its answer. A and B are separate store connections in one process (one
// clock). Goal: p99 < 20 ms. Run: `node scripts/build.mjs && node bench/revocation/propagation.bench.mjs [n]`
import { claims, fmt, loadLibrary, pct, startRedis } from './common.mjs';

const { RevocationChecker, RedisRevocationStore } = loadLibrary();
const N = Number(process.argv[2] ?? 2000);
const redis = await startRedis();
const settings = { url: redis.url, keyPrefix: 'm1:', commandTimeoutMs: 500, connectTimeoutMs: 2000 };
const storeA = new RedisRevocationStore(settings);
const storeB = new RedisRevocationStore(settings);
await Promise.all([storeA.ready(), storeB.ready()]);
const b = new RevocationChecker({ store: storeB, cacheTtlS: 3600, deniedAudit: false });

const waiting = new Map();
b.on('invalidated', (jti) => waiting.get(jti)?.(performance.now()));

async function once(i) {
  const c = claims(i);
  if (await b.isRevoked(c)) throw new Error('revoked too early');
  const seen = new Promise((r) => waiting.set(c.jti, r));
  const t0 = performance.now();
  await storeA.revoke(
    { jti: c.jti, sub: c.sub, tool: null, reason: 'bench', actor: 'bench', revokedAt: new Date().toISOString(), expiresAt: null },
    Date.now() + 600_000,
    { action: 'revoke', actor: 'bench', client: null, reason: 'bench', jti: c.jti },
  );
  const acked = performance.now();
  const t1 = await seen;
  waiting.delete(c.jti);
  if (!(await b.isRevoked(c))) throw new Error('B still allows a revoked token');
  return { total: t1 - t0, afterAck: Math.max(0, t1 - acked), ack: acked - t0 };
}

for (let i = 0; i < 200; i++) await once(-i - 1); // warm-up
const total = [];
const afterAck = [];
const ack = [];
for (let i = 0; i < N; i++) {
  const r = await once(i);
  total.push(r.total);
  afterAck.push(r.afterAck);
  ack.push(r.ack);
}
const row = (name, xs) => ({ measure: name, 'p50 ms': pct(xs, 50).toFixed(3), 'p99 ms': pct(xs, 99).toFixed(3), 'max ms': pct(xs, 100).toFixed(3) });
console.log(`node ${process.version}, redis-server private, ${fmt(N)} revocations one after another (after 200 warm-up)`);
console.table([row('A revoke acknowledged (MULTI)', ack), row('A start -> B denies', total), row('A acknowledged -> B denies', afterAck)]);
const p99 = pct(total, 99);
console.log(`propagation p99 ${p99.toFixed(2)} ms: ${p99 < 20 ? 'meets' : 'MISSES'} the < 20 ms goal`);
await b.close();
await Promise.all([storeA.close(), storeB.close()]);
await redis.stop();
