// Fan-out of the live stream: 1,000 concurrent SSE clients on loopback while events are posted at 1,000
// events/s; every client must get every event. Reports p50/p95/p99 ingest-to-delivery latency (from the
// producer's POST to arrival at probe clients, one clock), the server's memory per idle client, and the
// same for the same fan-out through better-sse (a Channel of Sessions on node:http) in the same run.
// Run: node bench/service/fanout.bench.mjs [clients=1000] [seconds=10] [rate=1000]
import { request, Agent } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleService, fmt, summarize } from './bundle.mjs';
import { post, startChild } from './children.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const CLIENTS = Number(process.argv[2] ?? 1000);
const SECONDS = Number(process.argv[3] ?? 10);
const RATE = Number(process.argv[4] ?? 1000);
const PROBES = 20; // clients that parse every frame and time it; the others count frames
const TICK_MS = 10;
const { file } = await bundleService();
const clientAgent = new Agent({ keepAlive: false, maxSockets: Infinity });

function connect(port, token, probe, onEvent) {
  return new Promise((resolve, reject) => {
    const state = { count: 0, lastId: 0, gaps: 0, res: null, req: null };
    const req = request({ host: '127.0.0.1', port, path: '/v1/stream?types=tools', agent: clientAgent, headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
      state.res = res;
      res.setEncoding('utf8');
      let carry = '';
      res.on('data', (chunk) => {
        const text = carry + chunk;
        if (probe) {
          // Parse complete frames; the last partial one waits for the next chunk.
          const frames = text.split('\n\n');
          carry = frames.pop();
          for (const f of frames) {
            const data = f.split('\n').find((l) => l.startsWith('data:'));
            if (!data) continue;
            const e = JSON.parse(data.slice(data.indexOf(':') + 1));
            const id = Number(e.id);
            if (state.lastId !== 0 && id !== state.lastId + 1) state.gaps++;
            state.lastId = id;
            state.count++;
            onEvent(e);
          }
        } else {
          let i = -1;
          while ((i = text.indexOf('\ndata:', i + 1)) !== -1) state.count++;
          carry = text.slice(-6);
          // `carry` is re-scanned next time: drop matches fully inside it.
          if (carry.includes('\ndata:')) state.count--;
        }
      });
      resolve(state);
    });
    state.req = req;
    req.on('error', reject);
    req.end();
  });
}

async function run(name, script) {
  const server = await startChild(script, [file]);
  const base = await server.memory();
  const latencies = [];
  const clients = [];
  for (let i = 0; i < CLIENTS; i += 50) {
    const batch = [];
    for (let k = i; k < Math.min(CLIENTS, i + 50); k++) {
      const probe = k < PROBES;
      batch.push(connect(server.port, server.token, probe, probe ? (e) => latencies.push(performance.now() - Number(e.tags.t)) : null));
    }
    clients.push(...(await Promise.all(batch)));
  }
  // Let sessions register (better-sse resolves createSession asynchronously) before measuring.
  let mem;
  for (let tries = 0; tries < 100; tries++) {
    mem = await server.memory();
    if (mem.clients === CLIENTS) break;
  }
  const perClientKb = (mem.mem.rss - base.mem.rss) / CLIENTS / 1024;
  const heapPerClientKb = (mem.mem.heapUsed - base.mem.heapUsed) / CLIENTS / 1024;

  const total = RATE * SECONDS;
  let sent = 0;
  const start = performance.now();
  const inflight = new Set();
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * RATE));
    if (due > sent) {
      const n = due - sent;
      const t = String(performance.now());
      const events = Array.from({ length: n }, (_, k) => ({ type: 'tools', tool: 'fanout', status: 'ok', durationMs: (sent + k) % 500, tags: { t } }));
      sent += n;
      const p = post(server.port, server.token, JSON.stringify({ events })).finally(() => inflight.delete(p));
      inflight.add(p);
    }
    await new Promise((r) => setTimeout(r, TICK_MS));
  }
  await Promise.all(inflight);
  const deadline = performance.now() + 30_000;
  while (clients.some((c) => c.count < total) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const elapsed = (performance.now() - start) / 1000;
  const complete = clients.filter((c) => c.count === total).length;
  const gaps = clients.reduce((a, c) => a + c.gaps, 0);
  for (const c of clients) c.req.destroy();
  await server.stop();
  return { name, complete, gaps, latency: summarize(latencies), perClientKb, heapPerClientKb, elapsed, total };
}

const results = [];
results.push(await run('m1-ops', join(here, 'child-m1.mjs')));
results.push(await run('better-sse', join(here, 'child-better-sse.mjs')));
console.log(`fan-out bench: ${CLIENTS} SSE clients on loopback, ${RATE} events/s for ${SECONDS} s (${RATE * SECONDS} events), posts every ${TICK_MS} ms, ${PROBES} probe clients timing every event`);
for (const r of results) {
  console.log(
    `  ${r.name.padEnd(10)} clients with every event ${r.complete}/${CLIENTS}, gaps ${r.gaps}; latency p50 ${fmt(r.latency.p50)} ms p95 ${fmt(r.latency.p95)} ms p99 ${fmt(r.latency.p99)} ms max ${fmt(r.latency.max)} ms; ` +
      `idle memory per client ${fmt(r.perClientKb)} KiB RSS (${fmt(r.heapPerClientKb)} KiB heap)`,
  );
}
const [m, p] = results;
console.log(`  ratio m1-ops / better-sse: p99 latency ${fmt(m.latency.p99 / p.latency.p99, 3)}x (better-sse ${fmt(p.latency.p99 / m.latency.p99, 0)}x slower), memory per idle client ${fmt(m.perClientKb / p.perClientKb, 2)}x`);
process.exit(0);
