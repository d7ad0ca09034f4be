// The memory budget: the engine keeps the newest rows within M1_ANALYTICS_MEMORY_MB whatever the rate,
// evicts whole chunks oldest first, and says from when its answers are complete.
import { describe, expect, it } from 'vitest';
import type { NormalizedEvent } from '../../../shared/src/events';
import { QuerySchema } from '../../../shared/src/query';
import { toStored } from '../store/types';
import { CHUNK_ROWS } from './columnar-table';
import { AnalyticsEngine } from './engine';
import { chunkBytes } from './memory';

const HOUR = 3_600_000;
const MiB = 1024 * 1024;

describe('AnalyticsEngine memory budget', () => {
  it('keeps the newest rows within the budget and says the coverage; answers are exact within it', async () => {
    let now = 100 * 24 * HOUR;
    const budget = 4 * MiB;
    const engine = new AnalyticsEngine({ retentionMs: 24 * HOUR, anomalyZThreshold: 3, clock: () => now, memoryBudgetBytes: budget });
    const tsOf: number[] = [];
    let seq = 0;
    // 200,000 tools events, 100 per simulated second (about 33 min), far more than 4 MiB of chunks.
    for (let s = 0; s < 2000; s++) {
      const batch = [];
      for (let k = 0; k < 100; k++) {
        seq++;
        const e: NormalizedEvent = { type: 'tools', ts: now, tool: k % 2 ? 'a' : 'b', status: 'ok', durationMs: k, tags: { region: 'eu' } };
        tsOf.push(now);
        batch.push(toStored(seq, e, undefined, now));
      }
      engine.ingest(batch);
      expect(engine.memoryBytes).toBeLessThanOrEqual(budget);
      now += 1000;
    }
    expect(engine.measureBytes()).toBeLessThanOrEqual(budget);
    expect(engine.evictedRows).toBeGreaterThan(0);
    expect(engine.rowCount + engine.evictedRows).toBe(200_000);
    const cov = engine.coverage('tools');
    expect(cov).not.toBeNull();
    const c = cov as { from: number; to: number };
    expect(c.to).toBe(now);
    // Everything at or after `from` is still there: the count equals the events stamped since.
    const expected = tsOf.filter((t) => t >= c.from).length;
    const r = await engine.query(QuerySchema.parse({ type: 'tools', range: { from: c.from }, aggregations: [{ fn: 'count' }] }));
    expect(r.rows).toEqual([{ count: expected }]);
    // A type with no eviction answers for the whole retention.
    expect(engine.coverage('costs')).toBeNull();
  });

  it('evicts the busy type first, not a slow type whose one chunk started earlier', () => {
    let now = 100 * 24 * HOUR;
    const engine = new AnalyticsEngine({ retentionMs: 24 * HOUR, anomalyZThreshold: 3, clock: () => now, memoryBudgetBytes: 0 });
    let seq = 0;
    const health = (ts: number) => toStored(++seq, { type: 'health', ts, component: 'db', status: 'up' }, undefined, ts);
    engine.ingest([health(now)]);
    now += HOUR;
    const tools = Array.from({ length: 3 * CHUNK_ROWS }, () => toStored(++seq, { type: 'tools', ts: now, tool: 't', status: 'ok', durationMs: 1 }, undefined, now));
    engine.ingest(tools);
    engine.ingest([health(now)]);
    // Budget 0: everything that can go goes, but never a table's last chunk (the one being appended to).
    expect(engine.table('tools').chunks).toHaveLength(1);
    expect(engine.table('health').rowCount).toBe(2);
    expect(engine.coverage('health')).toBeNull();
    // Every tools row had ts = now and some were evicted: nothing is complete, so the window is empty.
    expect(engine.coverage('tools')).toEqual({ from: now, to: now });
  });

  it('measures a chunk by what it allocated', () => {
    const engine = new AnalyticsEngine({ retentionMs: HOUR, anomalyZThreshold: 3 });
    engine.ingest([toStored(1, { type: 'tools', ts: 1, tool: 't', status: 'ok', durationMs: 1, tags: { a: 'x' } })]);
    const chunk = engine.table('tools').chunks[0];
    // ts, seq, arrived, durationMs, tokens: Float64; tool, status: Int32; one sparse tag column.
    expect(chunkBytes(chunk!)).toBeGreaterThanOrEqual(CHUNK_ROWS * (5 * 8 + 2 * 4));
  });
});
