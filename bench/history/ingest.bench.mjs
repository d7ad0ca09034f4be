// Sustained ingestion into the PostgreSQL history: batches of tools events written the way the service
// writes them (COPY into the hourly partitions + the batch's per-minute rollup partials, one transaction),
// against the same rows written with batched multi-row INSERTs (parameterised, as many rows per statement
// as the parameter limit allows) into the same partitioned table, in the same run.
// Goal: >= 50,000 events/s.
// Run: node bench/history/ingest.bench.mjs [events=500000] [batch=10000]
import { bundleHistory, DATABASE_URL, generator, HOUR, loadAverage, scratchSchema, TOOLS } from './common.mjs';

const N = Number(process.argv[2] ?? 500_000);
const BATCH = Number(process.argv[3] ?? 10_000);
const mod = await bundleHistory();
const now = Date.now();
const gen = generator(7);
const events = new Array(N);
for (let i = 0; i < N; i++) {
  const g = gen();
  events[i] = { seq: i + 1, event: { id: String(i + 1), type: 'tools', ts: now - HOUR + Math.floor((i / N) * HOUR), tool: TOOLS[g.t], status: g.status, durationMs: g.durationMs, tokens: g.tokens } };
}

async function ours() {
  const schema = scratchSchema('copy');
  const h = new mod.PgHistory({ url: DATABASE_URL, schema, engineOptions: { retentionMs: 24 * HOUR, anomalyZThreshold: 3 }, spoolBytes: 1 << 30 });
  await h.start();
  const t = performance.now();
  for (let i = 0; i < N; i += BATCH) await h.append(events.slice(i, i + BATCH));
  const ms = performance.now() - t;
  if (h.spool.size > 0) throw new Error('writes failed (spooled)');
  const count = Number((await h.pool.query(`SELECT count(*) AS n FROM "${schema}".events`)).rows[0].n);
  if (count !== N) throw new Error(`stored ${count} of ${N}`);
  await h.pool.query(`DROP SCHEMA "${schema}" CASCADE`);
  await h.close();
  return ms;
}

async function inserts() {
  const schema = scratchSchema('insert');
  const h = new mod.PgHistory({ url: DATABASE_URL, schema, engineOptions: { retentionMs: 24 * HOUR, anomalyZThreshold: 3 }, spoolBytes: 1 << 30 });
  await h.start();
  // Partitions exist once one batch went through the service's path: write none, create them here.
  await h.pool.query(`CREATE TABLE "${schema}".p1 PARTITION OF "${schema}".events FOR VALUES FROM (0) TO (1e16)`);
  const cols = ['ts', 'seq', 'type', 'tool', 'status', '"durationMs"', 'tokens'];
  const perStmt = Math.floor(65535 / cols.length);
  const client = await h.pool.connect();
  const t = performance.now();
  for (let i = 0; i < N; i += BATCH) {
    await client.query('BEGIN');
    const batch = events.slice(i, i + BATCH);
    for (let j = 0; j < batch.length; j += perStmt) {
      const part = batch.slice(j, j + perStmt);
      const values = [];
      const rows = part.map((e, k) => {
        values.push(e.event.ts, e.seq, 'tools', e.event.tool, e.event.status, e.event.durationMs, e.event.tokens);
        const b = k * cols.length;
        return `(${cols.map((_, c) => `$${b + c + 1}`).join(',')})`;
      });
      await client.query(`INSERT INTO "${schema}".events (${cols.join(',')}) VALUES ${rows.join(',')}`, values);
    }
    await client.query('COMMIT');
  }
  const ms = performance.now() - t;
  client.release();
  await h.pool.query(`DROP SCHEMA "${schema}" CASCADE`);
  await h.close();
  return ms;
}

console.log(`history ingest bench: ${N} tools events in batches of ${BATCH}; load average ${loadAverage()}`);
const a = await ours();
const b = await inserts();
const rate = (ms) => Math.round(N / (ms / 1000));
console.log(`  m1 history (COPY + rollup partials, one transaction per batch): ${rate(a)} events/s (${a.toFixed(0)} ms)`);
console.log(`  multi-row INSERT (raw rows only, same batches):                 ${rate(b)} events/s (${b.toFixed(0)} ms)   ratio ${(b / a).toFixed(2)}x`);
console.log(`  goal >= 50,000 events/s: ${rate(a) >= 50_000 ? 'met' : 'NOT met'}`);
