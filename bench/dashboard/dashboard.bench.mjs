/* global URL, fetch, document, window, requestAnimationFrame -- Node 20 globals, and the page's inside page.evaluate() */
// The analytics page in Chromium at a sustained event rate: script time per animation frame and JS
// heap growth, read through Playwright (CDP Performance.getMetrics, HeapProfiler.collectGarbage) and
// the page's own frame counters. The service is the real one, started as a user starts it
// (`m1-ops serve --port 0 --dev`), fed through POST /v1/events; the page is its /dashboard.
// Goals: < 8 ms script per frame on average; heap flat once the buffers are full.
//
// Run: node scripts/build.mjs && node bench/dashboard/dashboard.bench.mjs [seconds=10] [events/s=1000] [warm-up s=5] [posts/s=20]
//      (the figures in BENCHMARKS.md are from 30 s)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SECONDS = Number(process.argv[2] ?? 10);
const RATE = Number(process.argv[3] ?? 1000);
const WARMUP_S = Number(process.argv[4] ?? 5);
// Events reach the page in as many chunks as there are POSTs: more posts per second, more frames to draw.
const POSTS_PER_S = Number(process.argv[5] ?? 20);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

// ---- the service, as `npm start` runs it (without demo traffic: the feed below is the load) ----
const dataDir = mkdtempSync(join(tmpdir(), 'm1-dash-bench-'));
const env = { ...process.env, M1_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
delete env.REDIS_URL;
delete env.M1_ADMIN_JWT_SECRET;
const service = spawn(process.execPath, [join(root, 'bin', 'm1-ops.js'), 'serve', '--port', '0', '--host', '127.0.0.1', '--dev'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
const dashboardUrl = await new Promise((resolve, reject) => {
  let err = '';
  service.stderr.on('data', (d) => {
    err += d;
    const m = /dashboard:\s+(http:\/\/\S+\/dashboard#token=(\S+))/.exec(err);
    if (m) resolve(m[1]);
  });
  service.once('exit', (c) => reject(new Error(`m1-ops serve exited (${c}):\n${err}`)));
});
const url = new URL(dashboardUrl);
const token = url.hash.replace('#token=', '');
const base = url.origin;

// ---- the feed: RATE events/s in POSTS_PER_S batches a second, a realistic mix of the six types ----
const TOOLS = ['search', 'fetch_url', 'sql_query', 'code_exec', 'summarize'];
let seed = 7;
const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
function event() {
  const r = rnd();
  if (r < 0.4) return { type: 'tools', tool: TOOLS[Math.floor(rnd() * TOOLS.length)], status: rnd() < 0.03 ? 'error' : 'ok', durationMs: Math.round(50 + rnd() * 400) };
  if (r < 0.6) return { type: 'cache', op: rnd() < 0.8 ? 'hit' : 'miss', latencyMs: Math.round(rnd() * 5 * 100) / 100 };
  if (r < 0.75) return { type: 'policy', policy: 'default', decision: rnd() < 0.95 ? 'allow' : 'deny', latencyMs: Math.round(rnd() * 3 * 100) / 100 };
  if (r < 0.9) return { type: 'costs', amountUsd: Math.round(rnd() * 1000) / 100000, model: 'm1-large' };
  if (r < 0.95) return { type: 'health', component: 'db', status: rnd() < 0.99 ? 'up' : 'degraded', latencyMs: Math.round(rnd() * 20) };
  return { type: 'errors', code: 'E_UPSTREAM', message: 'upstream failed', severity: 'medium' };
}
let posted = 0;
let feeding = true;
const feedStart = performance.now();
async function feed() {
  while (feeding) {
    const due = Math.floor(((performance.now() - feedStart) / 1000) * RATE) - posted;
    if (due > 0) {
      const events = Array.from({ length: Math.min(due, 10_000) }, event);
      const res = await fetch(`${base}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ events }) });
      if (res.status !== 202) throw new Error(`POST /v1/events: ${res.status} ${await res.text()}`);
      posted += events.length;
    }
    await new Promise((r) => setTimeout(r, 1000 / POSTS_PER_S)); // pacing the load generator, not synchronisation
  }
}
const feeding$ = feed();

// ---- the page ----
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
const page = await browser.newPage({ viewport: { width: 1400, height: 1400 } });
const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
await page.goto(dashboardUrl);
await page.waitForFunction(() => document.body.dataset.connection === 'connected');
// Count every animation frame the page gets (the app draws in some of them, not all).
await page.evaluate(() => {
  const w = window;
  w.__frames = 0;
  const tick = () => {
    w.__frames++;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
});

const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
const pageStats = () =>
  page.evaluate(() => {
    const st = window.m1Dashboard.stats; // Dashboard.stats: draws (frames it rendered in), their total and max time, items taken
    return { rafFrames: window.__frames, draws: st.frames, workMs: st.workMs, maxWorkMs: st.maxWorkMs, items: st.items };
  });
const gcHeap = async () => {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await metrics()).JSHeapUsedSize;
};
const wait = (ms) => new Promise((r) => setTimeout(r, ms)); // the benchmark's own clock: measuring over wall time

await wait(WARMUP_S * 1000);
const heap0 = await gcHeap();
const m0 = await metrics();
const s0 = await pageStats();
const posted0 = posted;
const heapSamples = [];
const t0 = performance.now();
// Live heap (after a forced GC) every 10 s: a leak shows as a rising trend, garbage does not.
for (let s = 0; s < SECONDS; s += 10) {
  await wait(Math.min(10, SECONDS - s) * 1000);
  heapSamples.push({ t: Math.round((performance.now() - t0) / 1000), mb: (await gcHeap()) / 2 ** 20 });
}
const m1 = await metrics();
const s1 = await pageStats();
const elapsedS = (performance.now() - t0) / 1000;
const posted1 = posted;
const heap1 = heapSamples.at(-1).mb * 2 ** 20;

feeding = false;
await feeding$;
await browser.close();
service.kill('SIGTERM');
await new Promise((r) => service.once('exit', r));
rmSync(dataDir, { recursive: true, force: true });

// ---- figures ----
const frames = s1.rafFrames - s0.rafFrames;
const draws = s1.draws - s0.draws;
const scriptMs = (m1.ScriptDuration - m0.ScriptDuration) * 1000;
const taskMs = (m1.TaskDuration - m0.TaskDuration) * 1000;
const r2 = (x) => Math.round(x * 100) / 100;
const out = {
  seconds: r2(elapsedS),
  targetRate: RATE,
  postsPerS: POSTS_PER_S,
  postedPerS: Math.round((posted1 - posted0) / elapsedS),
  receivedPerS: Math.round((s1.items - s0.items) / elapsedS),
  animationFramesPerS: r2(frames / elapsedS),
  // All script the page ran (SSE parsing and validation, the model, the charts) per animation frame.
  scriptMsPerFrame: r2(scriptMs / frames),
  mainThreadBusyPct: r2((taskMs / (elapsedS * 1000)) * 100),
  appDrawsPerS: r2(draws / elapsedS),
  appDrawMsAvg: r2((s1.workMs - s0.workMs) / Math.max(1, draws)),
  appDrawMsMax: r2(s1.maxWorkMs),
  heapAfterGcMB: { start: r2(heap0 / 2 ** 20), end: r2(heap1 / 2 ** 20) },
  heapGrowthMBPerMin: r2(((heap1 - heap0) / 2 ** 20 / elapsedS) * 60),
  heapAfterGcSamplesMB: heapSamples.map((h) => `${h.t}s:${h.mb.toFixed(2)}`).join(' '),
};
console.log(JSON.stringify(out, null, 2));
