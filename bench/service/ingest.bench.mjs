// Ingestion throughput: batched POST /v1/events (1,000 realistic events per request, 4 concurrent
// keep-alive connections) into the service on the embedded store, for a fixed time. Every event goes the
// whole way: auth, zod validation, store, analytics table, ring buffer (and fan-out, with no clients).
// Reference in the same run: bare fastify parsing the same bodies and counting them (the HTTP + JSON
// ceiling of this machine). Goal: >= 100,000 events/s.
// Run: node bench/service/ingest.bench.mjs [seconds=5] [batch=1000] [concurrency=4]
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleService, fmt } from './bundle.mjs';
import { post, startChild } from './children.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.argv[2] ?? 5);
const BATCH = Number(process.argv[3] ?? 1000);
const CONCURRENCY = Number(process.argv[4] ?? 4);
const { file } = await bundleService();

const TOOLS = ['search', 'fetch_url', 'sql_query', 'code_exec', 'summarize'];
function body(seed) {
  const events = [];
  for (let i = 0; i < BATCH; i++) {
    const k = (seed * 7919 + i) % 1000;
    switch (i % 4) {
      case 0:
        events.push({ type: 'tools', tool: TOOLS[k % 5], status: k % 50 === 0 ? 'error' : 'ok', durationMs: 20 + (k % 400), tokens: 100 + k, tags: { region: k % 2 ? 'eu-west-1' : 'us-east-1' } });
        break;
      case 1:
        events.push({ type: 'costs', amountUsd: k / 10_000, tool: TOOLS[k % 5], model: 'm1-large', tokens: 100 + k });
        break;
      case 2:
        events.push({ type: 'cache', op: k % 5 ? 'hit' : 'miss', latencyMs: (k % 30) / 10, key: `k:${k}` });
        break;
      default:
        events.push({ type: 'policy', policy: 'pii-redaction', decision: k % 20 ? 'allow' : 'deny', latencyMs: (k % 40) / 10, ts: new Date().toISOString() });
    }
  }
  return JSON.stringify({ events });
}
const bodies = Array.from({ length: 16 }, (_, i) => body(i));

async function run(name, script) {
  const server = await startChild(script, [file]);
  // Warm-up.
  for (let i = 0; i < 20; i++) await post(server.port, server.token, bodies[i % bodies.length]);
  let accepted = 0;
  const start = performance.now();
  const end = start + SECONDS * 1000;
  const worker = async (w) => {
    let i = w;
    while (performance.now() < end) {
      await post(server.port, server.token, bodies[i++ % bodies.length]);
      accepted += BATCH;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => worker(w)));
  const elapsed = (performance.now() - start) / 1000;
  const mem = await server.memory();
  await server.stop();
  return { name, rate: accepted / elapsed, accepted, rssMb: mem.mem.rss / 2 ** 20 };
}

const m1 = await run('m1-ops', join(here, 'child-m1.mjs'));
const bare = await run('bare fastify', join(here, 'child-bare.mjs'));
console.log(`ingest bench: POST /v1/events, ${BATCH} events per request (~${fmt(bodies[0].length / 1024, 0)} KiB), ${CONCURRENCY} connections, ${SECONDS} s`);
console.log(`  m1-ops (embedded)  ${fmt(m1.rate, 0)} events/s (${m1.accepted} events, server RSS ${fmt(m1.rssMb, 0)} MiB)`);
console.log(`  bare fastify       ${fmt(bare.rate, 0)} events/s (JSON parse + count only)`);
console.log(`  m1-ops / bare: ${fmt(m1.rate / bare.rate, 2)}; goal >= 100,000 events/s ${m1.rate >= 100_000 ? 'met' : 'NOT met'}`);
process.exit(0);
