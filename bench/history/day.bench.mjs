// 24 h of tools events at 1,000 events/s (86.4 million) in the PostgreSQL history: the first 23 hours are
// loaded through the rollup path with generated data (per-minute partials per tool and status, sketches
// built in Node from every generated value), the last hour as raw rows through the service's write path
// (COPY + its own rollups). The query: p50/p95/p99 of durationMs by tool in 5-minute buckets over 24 h,
// through the history's query path. Peer in the same run: DuckDB over the same generated values as raw
// rows, as many hours as this machine holds (argument), exact quantile_cont. Accuracy: our percentiles
// against DuckDB's exact ones on the buckets both hold.
// Goals: < 300 ms; sketch percentiles within 1 % of exact.
// Run: node bench/history/day.bench.mjs [duckHours=6] [samples=7] [rate=1000]
import { DuckDBInstance } from '@duckdb/node-api';
import { bundleHistory, DATABASE_URL, generator, HOUR, loadAverage, MINUTE, scratchSchema, TOOLS } from './common.mjs';

const DUCK_HOURS = Number(process.argv[2] ?? 6);
const SAMPLES = Number(process.argv[3] ?? 7);
const RATE = Number(process.argv[4] ?? 1000);
const PER_MINUTE = RATE * 60;
const mod = await bundleHistory();
const now = Math.floor(Date.now() / MINUTE) * MINUTE + 30_000;
const dayStart = Math.floor((now - 24 * HOUR) / MINUTE) * MINUTE;
const MINUTES = 24 * 60 + 1;
const rawFrom = now - HOUR;
const duckFrom = now - DUCK_HOURS * HOUR;
const schema = scratchSchema('day');
const h = new mod.PgHistory({ url: DATABASE_URL, schema, engineOptions: { retentionMs: 25 * HOUR, anomalyZThreshold: 3 }, clock: () => now, spoolBytes: 1 << 30 });
await h.start();

const duck = await DuckDBInstance.create(':memory:');
const con = await duck.connect();
await con.run('CREATE TABLE tools (ts DOUBLE, tool VARCHAR, durationMs DOUBLE)');
const app = await con.createAppender('tools');
let duckRows = 0;

console.log(`history day bench: ${RATE} events/s over 24 h (${(RATE * 86400).toLocaleString('en')} events); load average ${loadAverage()}`);
let t = performance.now();
const gen = generator(11);
const client = await h.pool.connect();
let rollupRows = 0;
let rollupRows5 = 0;
let span = [];
let rawBatch = [];
let seq = 0;
for (let m = 0; m < MINUTES; m++) {
  const minuteStart = dayStart + m * MINUTE;
  if (minuteStart >= now + MINUTE) break;
  const groups = new Map();
  for (let k = 0; k < PER_MINUTE; k++) {
    const ts = minuteStart + Math.floor((k * MINUTE) / PER_MINUTE);
    if (ts > now) break;
    const g = gen();
    const tool = TOOLS[g.t];
    if (ts >= duckFrom) {
      app.appendDouble(ts);
      app.appendVarchar(tool);
      app.appendDouble(g.durationMs);
      app.endRow();
      duckRows++;
    }
    if (ts >= rawFrom) {
      seq++;
      rawBatch.push({ seq, event: { id: String(seq), type: 'tools', ts, tool, status: g.status, durationMs: g.durationMs, tokens: g.tokens } });
      if (rawBatch.length === 10_000) {
        await h.append(rawBatch);
        rawBatch = [];
      }
      continue;
    }
    const key = `${g.t}|${g.status}`;
    let r = groups.get(key);
    if (!r) {
      // numericFields('tools') order: durationMs, tokens.
      r = { minute: minuteStart / MINUTE, type: 'tools', dims: [tool, g.status], rows: 0, fields: [mod.emptyStats(), mod.emptyStats()] };
      groups.set(key, r);
    }
    r.rows++;
    mod.addValue(r.fields[0], g.durationMs);
    mod.addValue(r.fields[1], g.tokens);
  }
  if (groups.size > 0) {
    const rows = [...groups.values()];
    await h.ensureRollupPartitions(client, [minuteStart / MINUTE]);
    await mod.insertRollups(client, schema, rows);
    rollupRows += rows.length;
    // The 5-minute level, as the service's writer and compaction leave it: one row per span and group.
    span.push(...rows);
    if ((minuteStart / MINUTE) % 5 === 4) {
      const coarse = mod.coarsen(span, 5);
      await mod.insertRollups(client, schema, coarse, 'rollups_5m');
      rollupRows5 += coarse.length;
      span = [];
    }
  }
}
if (span.length > 0) {
  const coarse = mod.coarsen(span, 5);
  await mod.insertRollups(client, schema, coarse, 'rollups_5m');
  rollupRows5 += coarse.length;
}
if (rawBatch.length > 0) await h.append(rawBatch);
// What the service's compaction does every 30 s: the last hour's batches left several partials per
// minute and span; merge them (closed minutes only, as in the service).
const compacted = await h.compact();
app.closeSync();
client.release();
if (h.spool.size > 0) throw new Error('raw writes failed (spooled)');
const loadMs = performance.now() - t;
console.log(`  loaded in ${(loadMs / 1000).toFixed(0)} s: ${rollupRows.toLocaleString('en')} minute and ${rollupRows5.toLocaleString('en')} 5-minute rollup rows for 23 h, ${seq.toLocaleString('en')} raw events for the last hour (compaction merged ${compacted.toLocaleString('en')} of their partials); DuckDB ${duckRows.toLocaleString('en')} raw rows (${DUCK_HOURS} h)`);

const q = (range) =>
  mod.QuerySchema.parse({
    type: 'tools',
    range,
    groupBy: ['tool'],
    interval: '5m',
    aggregations: [{ fn: 'p50', field: 'durationMs', as: 'p50' }, { fn: 'p95', field: 'durationMs', as: 'p95' }, { fn: 'p99', field: 'durationMs', as: 'p99' }],
    limit: 10_000,
  });
const day = q('24h');
const duckSql = `SELECT tool, floor(ts / 300000) * 300000 AS bucket, quantile_cont(durationMs, [0.5, 0.95, 0.99]) AS q FROM tools GROUP BY ALL`;

// Accuracy: every (tool, 5-minute bucket) DuckDB holds whole, ours vs exact.
const ours = (await h.query(day)).rows;
const exact = (await con.runAndReadAll(duckSql)).getRowObjects();
const byKey = new Map(ours.map((r) => [`${r.tool}|${r.bucket}`, r]));
let compared = 0;
let worst = 0;
for (const e of exact) {
  const b = Number(e.bucket);
  if (b < duckFrom || b + 300_000 > now) continue; // partial buckets at the edges of DuckDB's hours
  const o = byKey.get(`${e.tool}|${b}`);
  if (!o) throw new Error(`bucket ${e.tool} ${b} missing from our answer`);
  e.q.items.forEach((x, k) => {
    const got = o[['p50', 'p95', 'p99'][k]];
    worst = Math.max(worst, Math.abs(got - x) / x);
  });
  compared++;
}

const a = [];
const b = [];
for (let i = 0; i < 2; i++) {
  await h.query(day);
  await con.runAndReadAll(duckSql);
}
for (let i = 0; i < SAMPLES; i++) {
  t = performance.now();
  await h.query(day);
  a.push(performance.now() - t);
  t = performance.now();
  await con.runAndReadAll(duckSql);
  b.push(performance.now() - t);
}
const med = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
console.log(`  query: p50/p95/p99 of durationMs by tool, 5-minute buckets (${ours.length} rows), ${SAMPLES} samples, load average ${loadAverage()}`);
console.log(`  m1 history, 24 h from rollups:      median ${med(a).toFixed(1)} ms  max ${Math.max(...a).toFixed(1)} ms`);
console.log(`  DuckDB, ${DUCK_HOURS} h of raw rows (exact):  median ${med(b).toFixed(1)} ms  max ${Math.max(...b).toFixed(1)} ms`);
console.log(`  accuracy: ${compared} buckets x 3 percentiles against DuckDB's exact values: worst relative error ${(worst * 100).toFixed(3)} %`);
console.log(`  goals: < 300 ms ${med(a) < 300 ? 'met' : 'NOT met'}; within 1 % ${worst <= 0.01 ? 'met' : 'NOT met'}`);
await h.pool.query(`DROP SCHEMA "${schema}" CASCADE`);
await h.close();
con.closeSync();
duck.closeSync();
