// A day of traffic at 1,000 events/s through the in-memory analytics engine, with compressed time (the
// clock advances one second per batch of 1,000 events): the engine's bytes stay within the budget the
// whole day and the process RSS stays flat once the budget is reached, while the coverage says how much
// of the retention the window still holds. Short mode: two simulated hours and a 16 MiB budget; long
// mode (M1_RELIABILITY=long): the whole day, 86.4 million events, with the default 256 MiB budget.
import { describe, expect, it } from 'vitest';
import type { AnalyticsEvent, EventType } from '../../shared/src/events';
import { QuerySchema } from '../../shared/src/query';
import { AnalyticsEngine } from '../../service/src/analytics/engine';
import type { StoredEvent } from '../../service/src/store/types';
import { budget, scale } from './support/mode';

const MiB = 1024 * 1024;
const HOUR = 3_600_000;
const RATE = 1000;
const SECONDS = scale(2 * 3600, 24 * 3600);
const BUDGET = scale(16, 256) * MiB;
const TOOLS = ['search', 'fetch', 'shell', 'sql', 'browse', 'code'];

/** A reusable batch: the engine copies what it keeps into its columns, so the objects can be rewritten. */
function makeBatch(): { ev: Record<string, unknown>; stored: { seq: number; event: AnalyticsEvent; json: string; arrived: number } }[] {
  return Array.from({ length: RATE }, (_, k) => {
    const type: EventType = k % 10 < 7 ? 'tools' : k % 10 < 9 ? 'cache' : 'health';
    const ev: Record<string, unknown> =
      type === 'tools'
        ? { type, ts: 0, tool: TOOLS[k % TOOLS.length], status: k % 17 ? 'ok' : 'error', durationMs: 0, tags: { region: k % 3 ? 'eu' : 'us' } }
        : type === 'cache'
          ? { type, ts: 0, op: k % 4 ? 'hit' : 'miss', latencyMs: 0 }
          : { type, ts: 0, component: 'db', status: 'up', latencyMs: 0 };
    return { ev, stored: { seq: 0, event: ev as unknown as AnalyticsEvent, json: '', arrived: 0 } };
  });
}

describe('analytics memory over a simulated day', () => {
  it(
    `${SECONDS / 3600} h at ${RATE} events/s stays within ${BUDGET / MiB} MiB with flat RSS, coverage said`,
    async () => {
      let now = Date.UTC(2026, 0, 1);
      const start = now;
      const engine = new AnalyticsEngine({ retentionMs: 24 * HOUR, anomalyZThreshold: 3, clock: () => now, memoryBudgetBytes: BUDGET });
      const batch = makeBatch();
      const items = batch.map((b) => b.stored) as unknown as StoredEvent[];
      let seq = 0;
      let maxBytes = 0;
      const rss: number[] = [];
      let firstEvictionAt = -1;
      for (let s = 0; s < SECONDS; s++) {
        for (let k = 0; k < RATE; k++) {
          const b = batch[k] as (typeof batch)[number];
          b.stored.seq = ++seq;
          b.stored.arrived = now + k;
          b.ev.ts = now + k;
          if ('durationMs' in b.ev) b.ev.durationMs = (seq * 7919) % 5000;
          else b.ev.latencyMs = (seq * 104729) % 200;
        }
        engine.ingest(items);
        if (engine.memoryBytes > maxBytes) maxBytes = engine.memoryBytes;
        if (firstEvictionAt < 0 && engine.evictedRows > 0) firstEvictionAt = s;
        if (s % 600 === 0) rss.push(process.memoryUsage().rss);
        now += 1000;
      }
      const cov = engine.coverage('tools');
      const rssMiB = rss.map((r) => Math.round(r / MiB));
      // The figures, for RELIABILITY.md / BENCHMARKS.md.
      console.log(
        JSON.stringify({ events: seq, budgetMiB: BUDGET / MiB, maxEngineMiB: +(maxBytes / MiB).toFixed(1), rows: engine.rowCount, evicted: engine.evictedRows,
          coverageH: cov ? +((cov.to - cov.from) / HOUR).toFixed(2) : null, firstEvictionS: firstEvictionAt, rssMiB }),
      );
      expect(maxBytes).toBeLessThanOrEqual(BUDGET);
      expect(engine.measureBytes()).toBeLessThanOrEqual(BUDGET);
      expect(engine.evictedRows).toBeGreaterThan(0);
      expect(engine.rowCount + engine.evictedRows).toBe(seq);
      // The window is shorter than the retention and said so.
      expect(cov).not.toBeNull();
      expect((cov as { from: number }).from).toBeGreaterThan(start);
      const r = await engine.query(QuerySchema.parse({ type: 'tools', range: { from: (cov as { from: number }).from }, aggregations: [{ fn: 'count' }] }));
      expect((r.rows[0] as { count: number }).count).toBeGreaterThan(0);
      // RSS flat once the budget is full: the second half of the run grows by less than a quarter of the
      // budget (garbage collection timing makes RSS noisy; unbounded growth would add the whole budget
      // again every time the budget's worth of events arrives).
      const afterFull = rss.slice(Math.max(1, Math.ceil(firstEvictionAt / 600) + 1));
      const half = afterFull.slice(Math.floor(afterFull.length / 2));
      expect(Math.max(...half) - (afterFull[0] ?? 0)).toBeLessThan(BUDGET / 4 + 64 * MiB);
    },
    budget(120_000, 1_800_000),
  );
});
