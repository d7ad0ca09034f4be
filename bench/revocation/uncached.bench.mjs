// Uncached checks against Redis, every check a token never seen before (so each one needs Redis),
// 1,000 in flight, measured two ways:
//   - waves: 1,000 checks start together (a burst of requests), the next wave when all are done;
//     latency of each check from its start to its answer. This is the p99 the < 1 ms goal is about.
//   - saturation: a closed loop keeping 1,000 in flight for the whole round; gives throughput (its
//     latency is just in-flight / throughput, Little's law).
// Peer in the same run: the naive check, one `GET <jti key>` per check on a default ioredis client.
// Redis is a private redis-server on a free port.
// Run: `node scripts/build.mjs && node bench/revocation/uncached.bench.mjs [seconds per round]`
import { claims, fmt, loadLibrary, pct, Redis, startRedis } from './common.mjs';

const { RevocationChecker, RedisRevocationStore } = loadLibrary();
const SECONDS = Number(process.argv[2] ?? 5);
/** In-flight levels: the goal is stated at 1,000; the smaller ones show how latency scales. */
const LEVELS = (process.argv[3] ?? '1000,100,10').split(',').map(Number);
let IN_FLIGHT = 1000;
const redis = await startRedis();

async function waves(check) {
  const lat = [];
  let i = 0;
  const end = performance.now() + SECONDS * 1000;
  let checks = 0;
  const t0 = performance.now();
  while (performance.now() < end) {
    const wave = Array.from({ length: IN_FLIGHT }, () => claims(i++));
    await Promise.all(
      wave.map(async (c) => {
        const s = performance.now();
        await check(c);
        lat.push(performance.now() - s);
      }),
    );
    checks += IN_FLIGHT;
  }
  return { lat, rate: checks / ((performance.now() - t0) / 1000) };
}

async function closedLoop(check) {
  const lat = [];
  let i = 0;
  const end = performance.now() + SECONDS * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const c = claims(i++);
      const t0 = performance.now();
      await check(c);
      lat.push(performance.now() - t0);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const s = (performance.now() - t0) / 1000;
  return { lat, rate: lat.length / s };
}

// Ours: checker with cache (every token new, so every check misses) on the store's connection.
const store = new RedisRevocationStore({ url: redis.url, keyPrefix: 'm1:', commandTimeoutMs: 500, connectTimeoutMs: 2000 });
await store.ready();
const checker = new RevocationChecker({ store, cacheTtlS: 60, deniedAudit: false, maxCacheEntries: Number(process.env.CACHE_ENTRIES ?? 100_000) });
// Naive: a GET per check on a default client.
const naive = new Redis(redis.url);
const naiveCheck = async (c) => (await naive.get(`m1:rv:j:${c.jti}`)) !== null;

/** redis-server's own CPU time (user + sys), from INFO cpu. */
async function redisCpuUs() {
  const info = await naive.info('cpu');
  const n = (k) => Number(new RegExp(`${k}:([\\d.]+)`).exec(info)[1]);
  return (n('used_cpu_user') + n('used_cpu_sys')) * 1e6;
}

// A few revoked tokens and revoke-alls exist, as in real life (lookups must find them).
for (let i = 0; i < 100; i++) await store.redis.set(`m1:rv:j:revoked-${i}`, '{}', 'PX', 600_000);

const OURS = 'RevocationChecker (batched MGET)';
const NAIVE = 'naive GET per check';
const rows = [];
const modes = [['waves', waves], ['saturation', closedLoop]];
for (const level of LEVELS) {
  IN_FLIGHT = level;
  for (const [mode, run] of modes) {
    if (mode === 'saturation' && level !== 1000) continue;
    for (const [name, fn] of [[NAIVE, naiveCheck], [OURS, (c) => checker.isRevoked(c)], [NAIVE, naiveCheck], [OURS, (c) => checker.isRevoked(c)]]) {
      await run(fn); // warm-up round, discarded
      const cpu0 = process.cpuUsage();
      const redis0 = await redisCpuUs();
      const { lat, rate } = await run(fn);
      const redisUs = (await redisCpuUs()) - redis0;
      const cpu = process.cpuUsage(cpu0);
      rows.push({
        'in flight': level,
        mode,
        name,
        'checks/s': fmt(rate),
        'p50 ms': pct(lat, 50).toFixed(3),
        'p99 ms': pct(lat, 99).toFixed(3),
        'max ms': pct(lat, 100).toFixed(2),
        'node CPU µs/check': ((cpu.user + cpu.system) / lat.length).toFixed(2),
        'redis CPU µs/check': (redisUs / lat.length).toFixed(2),
      });
    }
  }
}
console.log(`node ${process.version}, redis-server private, ${SECONDS} s per round (after a warm-up round), every token new; best of two rounds below`);
console.table(rows);
const num = (s) => Number(String(s).replace(/,/g, ''));
const best = (level, mode, name) => rows.filter((r) => r['in flight'] === level && r.mode === mode && r.name === name).sort((x, y) => num(x['p99 ms']) - num(y['p99 ms']))[0];
for (const level of LEVELS) {
  const ours = best(level, 'waves', OURS);
  const base = best(level, 'waves', NAIVE);
  console.log(
    `waves of ${level}: ours p99 ${ours['p99 ms']} ms${level === 1000 ? ` (${num(ours['p99 ms']) < 1 ? 'meets' : 'MISSES'} the < 1 ms goal)` : ''}, naive p99 ${base['p99 ms']} ms: ratio naive/ours ${(num(base['p99 ms']) / num(ours['p99 ms'])).toFixed(2)}`,
  );
}
if (LEVELS.includes(1000)) {
  const oursSat = best(1000, 'saturation', OURS);
  const baseSat = best(1000, 'saturation', NAIVE);
  console.log(`saturation (1,000 in flight): ours ${oursSat['checks/s']} checks/s, naive ${baseSat['checks/s']} checks/s: x${(num(oursSat['checks/s']) / num(baseSat['checks/s'])).toFixed(2)}`);
}
if (checker.stats.failClosed > 0) console.log(`WARNING: ${checker.stats.failClosed} checks failed closed`);
await checker.close();
await store.close();
naive.disconnect();
await redis.stop();
