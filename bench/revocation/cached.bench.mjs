// Cached isRevoked checks per second on one core: the path every request of an M1 app takes once
// a token has been seen. Peers measured in the same run: a bare Map.get (the floor for any local
// cache) and an async function returning a Map lookup (the floor for a Promise-returning check).
// Goal: >= 2,000,000 checks/s. Run: `node scripts/build.mjs && node bench/revocation/cached.bench.mjs`
import { claims, fmt, loadLibrary } from './common.mjs';

const { RevocationChecker } = loadLibrary();
const N = 10_000; // distinct tokens in rotation (a busy app's working set)
const ROUNDS = 5;
const CHECKS = 5_000_000;

// A store that answers at once: the benchmark fills the cache through it, then never calls it.
const store = {
  lookup: () => Promise.resolve({ jtiRevoked: false, subNotBefore: null, toolNotBefore: null }),
  subscribe: () => () => undefined,
  onStatus: () => () => undefined,
  appendAudit: () => Promise.resolve(),
  close: () => Promise.resolve(),
};
const checker = new RevocationChecker({ store, cacheTtlS: 3600, deniedAudit: false });
const tokens = Array.from({ length: N }, (_, i) => claims(i));
for (const t of tokens) await checker.isRevoked(t);

const map = new Map(tokens.map((t) => [t.jti, { revoked: false, until: Infinity }]));
const asyncLookup = async (c) => map.get(c.jti)?.revoked === true;

async function rate(name, fn) {
  const results = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    let denied = 0;
    for (let i = 0; i < CHECKS; i++) if (await fn(tokens[i % N])) denied++;
    const s = (performance.now() - t0) / 1000;
    if (denied !== 0) throw new Error('unexpected denial');
    results.push(CHECKS / s);
  }
  results.sort((a, b) => a - b);
  return { name, 'median checks/s': fmt(results[Math.floor(ROUNDS / 2)]), 'best checks/s': fmt(results[ROUNDS - 1]) };
}

const rows = [
  await rate('Map.get (sync, awaited)', (c) => map.get(c.jti)?.revoked === true),
  await rate('async fn + Map.get', asyncLookup),
  await rate('RevocationChecker.isRevoked (cached)', (c) => checker.isRevoked(c)),
];
console.log(`node ${process.version}, ${fmt(N)} tokens in rotation, ${fmt(CHECKS)} awaited checks x ${ROUNDS} rounds, one core`);
console.table(rows);
const ours = Number(rows[2]['median checks/s'].replace(/,/g, ''));
console.log(`cached isRevoked: ${fmt(ours)} checks/s: ${ours >= 2_000_000 ? 'meets' : 'MISSES'} the 2,000,000/s goal (hits: ${fmt(checker.stats.cacheHits)})`);
