// `--demo`: realistic traffic of all six event types through the normal ingestion path, so that the
// dashboard, the stream and the DSL have something to show. About 100 events/s; every ~45 s one tool has
// a 4-second latency spike (and more errors) so that live anomaly events appear.
import type { EventInput } from '../../../shared/src/events';
import type { EventSink } from '../events/emit';

const TOOLS = ['search', 'fetch_url', 'sql_query', 'code_exec', 'summarize'] as const;
const BASE_MS: Record<(typeof TOOLS)[number], number> = { search: 120, fetch_url: 350, sql_query: 45, code_exec: 800, summarize: 1500 };
const MODELS = ['m1-large', 'm1-small'] as const;
const POLICIES = ['pii-redaction', 'tool-allowlist', 'budget-cap', 'rate-limit'] as const;
const COMPONENTS = ['api', 'redis', 'postgres', 'tool-runner'] as const;
const REGIONS = ['eu-west-1', 'us-east-1'] as const;
const TICK_MS = 100;
const SPIKE_EVERY_MS = 45_000;
const SPIKE_FOR_MS = 4_000;

export type Random = () => number;

function pick<T>(rnd: Random, xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)] as T;
}

/** Log-normal around `median` (latencies have long right tails). */
function lognormal(rnd: Random, median: number, sigma = 0.45): number {
  const u = Math.max(rnd(), 1e-12);
  const v = rnd();
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return Math.round(median * Math.exp(sigma * z) * 10) / 10;
}

/** One tick's events at time `now`; `spikeTool` (if any) is slow and failing. */
export function demoBatch(rnd: Random, now: number, tick: number, spikeTool: string | null): EventInput[] {
  const out: EventInput[] = [];
  const calls = 4 + Math.floor(rnd() * 5);
  for (let i = 0; i < calls; i++) {
    const tool = pick(rnd, TOOLS);
    const spiking = tool === spikeTool;
    const durationMs = lognormal(rnd, BASE_MS[tool] * (spiking ? 8 : 1));
    const r = rnd();
    const status = r < (spiking ? 0.25 : 0.02) ? 'error' : r < (spiking ? 0.35 : 0.03) ? 'timeout' : 'ok';
    const tokens = Math.round(200 + rnd() * 3000);
    const tags = { region: pick(rnd, REGIONS) };
    out.push({ type: 'tools', ts: now, tool, status, durationMs, tokens, tags });
    const model = pick(rnd, MODELS);
    out.push({ type: 'costs', ts: now, amountUsd: Math.round(tokens * (model === 'm1-large' ? 0.00003 : 0.000004) * 1e6) / 1e6, tool, model, tokens, tags });
    out.push({ type: 'policy', ts: now, policy: pick(rnd, POLICIES), decision: rnd() < 0.06 ? 'deny' : 'allow', latencyMs: lognormal(rnd, 2, 0.3), tool });
    const hit = rnd() < 0.8;
    out.push({ type: 'cache', ts: now, op: hit ? 'hit' : 'miss', latencyMs: lognormal(rnd, hit ? 0.8 : 3, 0.3), key: `${tool}:${Math.floor(rnd() * 500)}` });
    if (!hit) out.push({ type: 'cache', ts: now, op: 'set', latencyMs: lognormal(rnd, 1.2, 0.3), sizeBytes: Math.round(500 + rnd() * 20_000) });
    if (status !== 'ok') {
      out.push({
        type: 'errors',
        ts: now,
        code: status === 'timeout' ? 'TOOL_TIMEOUT' : 'TOOL_FAILED',
        message: status === 'timeout' ? `${tool} did not answer in time` : `${tool} returned an error`,
        severity: spiking ? 'high' : 'medium',
        source: tool,
      });
    }
  }
  if (tick % 50 === 0) {
    for (const component of COMPONENTS) {
      const degraded = spikeTool !== null && component === 'tool-runner';
      out.push({ type: 'health', ts: now, component, status: degraded ? 'degraded' : 'up', latencyMs: lognormal(rnd, degraded ? 40 : 5, 0.3) });
    }
  }
  return out;
}

export interface DemoTraffic {
  stop(): void;
}

export function startDemoTraffic(sink: EventSink, clock: () => number = Date.now, rnd: Random = Math.random): DemoTraffic {
  const started = clock();
  let tick = 0;
  let spikeTool: string | null = null;
  const timer = setInterval(() => {
    const now = clock();
    const phase = (now - started) % SPIKE_EVERY_MS;
    if (phase >= SPIKE_EVERY_MS - SPIKE_FOR_MS) spikeTool ??= pick(rnd, TOOLS);
    else spikeTool = null;
    void sink.emit(demoBatch(rnd, now, tick++, spikeTool));
  }, TICK_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
