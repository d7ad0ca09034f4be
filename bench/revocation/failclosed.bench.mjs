// Fail-closed decision time: how long an uncached check takes to answer "revoked" when Redis
// cannot answer. Two failures: Redis hung (SIGSTOP: connected, silent; the command timeout
// decides) and Redis dead (stopped: the connection is closed; no offline queue, so at once).
// Goal: <= REDIS_COMMAND_TIMEOUT_MS + 20 ms. A private redis-server is stopped; never the shared one.
// Run: `node scripts/build.mjs && node bench/revocation/failclosed.bench.mjs [timeoutMs]`
import { claims, fmt, loadLibrary, pct, startRedis } from './common.mjs';

const { RevocationChecker, RedisRevocationStore } = loadLibrary();
const TIMEOUT = Number(process.argv[2] ?? 500);
const ROUNDS = 5;
const CONCURRENT = 100;
const redis = await startRedis();
const store = new RedisRevocationStore({ url: redis.url, keyPrefix: 'm1:', commandTimeoutMs: TIMEOUT, connectTimeoutMs: 2000 });
await store.ready();
let errorsEvents = 0;
const checker = new RevocationChecker({ store, cacheTtlS: 60, deniedAudit: false, onError: () => errorsEvents++ });

let n = 0;
async function decisions() {
  const out = [];
  await Promise.all(
    Array.from({ length: CONCURRENT }, async () => {
      const t0 = performance.now();
      const denied = await checker.isRevoked(claims(n++));
      if (!denied) throw new Error('a check was allowed while Redis was down');
      out.push(performance.now() - t0);
    }),
  );
  return out;
}

const hung = [];
for (let r = 0; r < ROUNDS; r++) {
  process.kill(redis.pid, 'SIGSTOP');
  try {
    hung.push(...(await decisions()));
  } finally {
    process.kill(redis.pid, 'SIGCONT');
  }
  await checker.isRevoked(claims(n++)); // answered again: the connection survived
}

const down = new Promise((r) => checker.once('store-down', r));
await redis.stop();
await down;
const dead = [];
for (let r = 0; r < ROUNDS; r++) dead.push(...(await decisions()));

const row = (name, xs) => ({ failure: name, checks: xs.length, 'p50 ms': pct(xs, 50).toFixed(1), 'p99 ms': pct(xs, 99).toFixed(1), 'max ms': pct(xs, 100).toFixed(1) });
console.log(`node ${process.version}, REDIS_COMMAND_TIMEOUT_MS=${TIMEOUT}, ${CONCURRENT} concurrent uncached checks x ${ROUNDS} rounds per failure`);
console.table([row('Redis hung (SIGSTOP)', hung), row('Redis dead (stopped)', dead)]);
const worst = Math.max(pct(hung, 100), pct(dead, 100));
console.log(
  `worst decision ${worst.toFixed(1)} ms vs goal ${TIMEOUT + 20} ms: ${worst <= TIMEOUT + 20 ? 'meets' : 'MISSES'}; ` +
    `every check denied; errors events emitted: ${fmt(errorsEvents)} of ${fmt(hung.length + dead.length)}`,
);
await checker.close();
await store.close();
