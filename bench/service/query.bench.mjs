// DSL query over 1,000,000 `tools` events: p50/p95/p99 of durationMs by tool in 1-minute buckets over the
// last hour, against DuckDB (@duckdb/node-api, in-memory, quantile_cont = the same linear interpolation)
// on the same rows in the same run. The results are cross-checked (every group's p95 must agree).
// Goal: < 100 ms median, within 2x of DuckDB.
// Run: node bench/service/query.bench.mjs [events=1000000] [samples=15]
import { DuckDBInstance } from '@duckdb/node-api';
import { bundleService, fmt, summarize } from './bundle.mjs';

const N = Number(process.argv[2] ?? 1_000_000);
const SAMPLES = Number(process.argv[3] ?? 15);
const HOUR = 3_600_000;
const TOOLS = ['search', 'fetch_url', 'sql_query', 'code_exec', 'summarize', 'translate', 'embed', 'rerank', 'ocr', 'transcribe'];

const { mod } = await bundleService();
const now = Date.now();

// Deterministic data (a small LCG) so runs are comparable.
let seed = 42;
const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const rows = new Array(N);
for (let i = 0; i < N; i++) {
  const tool = TOOLS[Math.floor(rnd() * TOOLS.length)];
  const u = Math.max(rnd(), 1e-12);
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
  const durationMs = Math.round(100 * (1 + TOOLS.indexOf(tool)) * Math.exp(0.5 * z) * 100) / 100;
  const r = rnd();
  rows[i] = { type: 'tools', ts: now - HOUR + Math.floor((i / N) * HOUR), tool, status: r < 0.02 ? 'error' : r < 0.03 ? 'timeout' : 'ok', durationMs };
}

const engine = new mod.AnalyticsEngine({ retentionMs: 24 * HOUR, anomalyZThreshold: 3, clock: () => now, queryTimeoutMs: 120_000 });
let t = performance.now();
for (let i = 0; i < N; i += 10_000) engine.ingest(rows.slice(i, i + 10_000).map((e, k) => mod.toStored(i + k + 1, e)));
const ingestMs = performance.now() - t;

const q = mod.QuerySchema.parse({
  type: 'tools',
  range: { from: now - HOUR, to: now + 1 },
  groupBy: ['tool'],
  interval: '1m',
  aggregations: [{ fn: 'p50', field: 'durationMs', as: 'p50' }, { fn: 'p95', field: 'durationMs', as: 'p95' }, { fn: 'p99', field: 'durationMs', as: 'p99' }],
  limit: 10_000,
});

const duck = await DuckDBInstance.create(':memory:');
const con = await duck.connect();
await con.run('CREATE TABLE tools (ts BIGINT, tool VARCHAR, status VARCHAR, durationMs DOUBLE)');
t = performance.now();
const app = await con.createAppender('tools');
for (const r of rows) {
  app.appendBigInt(BigInt(r.ts));
  app.appendVarchar(r.tool);
  app.appendVarchar(r.status);
  app.appendDouble(r.durationMs);
  app.endRow();
}
app.closeSync();
const duckLoadMs = performance.now() - t;
const sql = `SELECT tool, (ts // 60000) * 60000 AS bucket, quantile_cont(durationMs, [0.5, 0.95, 0.99]) AS q
             FROM tools WHERE ts >= ${now - HOUR} AND ts < ${now + 1} GROUP BY ALL`;

async function runDuck() {
  const reader = await con.runAndReadAll(sql);
  return reader.getRowObjects();
}

// Cross-check once: same groups, same p95.
const ours = (await engine.query(q)).rows;
const theirs = await runDuck();
const key = (tool, bucket) => `${tool}|${bucket}`;
const theirP95 = new Map(theirs.map((r) => [key(r.tool, Number(r.bucket)), r.q.items[1]]));
let mismatches = 0;
for (const r of ours) {
  const p = theirP95.get(key(r.tool, r.bucket));
  if (p === undefined || Math.abs(p - r.p95) > 1e-9 * Math.max(1, Math.abs(p))) mismatches++;
}
if (ours.length !== theirs.length || mismatches > 0) {
  console.error(`results differ: ${ours.length} vs ${theirs.length} groups, ${mismatches} p95 mismatches`);
  process.exit(1);
}

// Interleaved samples after warm-up; DuckDB with its default threads and with one thread (our engine uses one).
const a = [];
const b = [];
const c = [];
for (let i = 0; i < 3; i++) {
  await engine.query(q);
  await runDuck();
}
for (let i = 0; i < SAMPLES; i++) {
  t = performance.now();
  await engine.query(q);
  a.push(performance.now() - t);
  await con.run('RESET threads');
  t = performance.now();
  await runDuck();
  b.push(performance.now() - t);
  await con.run('SET threads = 1');
  t = performance.now();
  await runDuck();
  c.push(performance.now() - t);
}
const sa = summarize(a);
const sb = summarize(b);
const sc = summarize(c);
console.log(`query bench: ${N} tools events over 1 h, p50/p95/p99 of durationMs by tool per 1 m (${ours.length} groups), ${SAMPLES} samples`);
console.log(`  load: m1 engine ${fmt(ingestMs, 0)} ms, DuckDB appender ${fmt(duckLoadMs, 0)} ms; results cross-checked (p95 of every group equal)`);
console.log(`  m1 DSL           median ${fmt(sa.p50)} ms  p95 ${fmt(sa.p95)} ms  min ${fmt(sa.min)} ms`);
console.log(`  DuckDB (default) median ${fmt(sb.p50)} ms  p95 ${fmt(sb.p95)} ms  min ${fmt(sb.min)} ms   ratio m1/DuckDB ${fmt(sa.p50 / sb.p50, 2)}x`);
console.log(`  DuckDB (1 thread) median ${fmt(sc.p50)} ms  p95 ${fmt(sc.p95)} ms  min ${fmt(sc.min)} ms   ratio m1/DuckDB ${fmt(sa.p50 / sc.p50, 2)}x`);
console.log(`  goals: < 100 ms ${sa.p50 < 100 ? 'met' : 'NOT met'}; within 2x of DuckDB (default) ${sa.p50 <= 2 * sb.p50 ? 'met' : 'NOT met'}`);
con.closeSync();
duck.closeSync();
