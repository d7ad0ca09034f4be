// Retention: rows leave the tables once they arrived more than the retention ago, whole chunks are
// released, and queries never show an event stamped before the retention window.
import { describe, expect, it } from 'vitest';
import { QuerySchema } from '../../../shared/src/query';
import { toStored } from '../store/types';
import { CHUNK_ROWS } from './columnar-table';
import { AnalyticsEngine } from './engine';

const HOUR = 3_600_000;

describe('AnalyticsEngine retention', () => {
  it('trims by arrival time and drops whole chunks', async () => {
    let now = 10 * 24 * HOUR;
    const engine = new AnalyticsEngine({ retentionMs: 24 * HOUR, anomalyZThreshold: 3, clock: () => now });
    const old = Array.from({ length: CHUNK_ROWS + 10 }, (_, i) => toStored(i + 1, { type: 'costs', ts: now, amountUsd: 1 }));
    engine.ingest(old);
    now += 12 * HOUR;
    engine.ingest([toStored(CHUNK_ROWS + 11, { type: 'costs', ts: now, amountUsd: 5 })]);
    expect(engine.rowCount).toBe(CHUNK_ROWS + 11);
    now += 13 * HOUR; // the first batch is now 25 h old, the last event 13 h
    expect(engine.trim()).toBe(CHUNK_ROWS + 10);
    expect(engine.rowCount).toBe(1);
    expect(engine.table('costs').chunks).toHaveLength(1);
    const r = await engine.query(QuerySchema.parse({ type: 'costs', range: '7d', aggregations: [{ fn: 'sum', field: 'amountUsd', as: 'usd' }, { fn: 'count' }] }));
    expect(r.rows).toEqual([{ usd: 5, count: 1 }]);
  });

  it('never answers with events stamped before the retention window, however recent their arrival', async () => {
    const now = 10 * 24 * HOUR;
    const engine = new AnalyticsEngine({ retentionMs: 24 * HOUR, anomalyZThreshold: 3, clock: () => now });
    engine.ingest([toStored(1, { type: 'costs', ts: now - 30 * HOUR, amountUsd: 1 }), toStored(2, { type: 'costs', ts: now - HOUR, amountUsd: 2 })]);
    const r = await engine.query(QuerySchema.parse({ type: 'costs', range: { from: 0 }, aggregations: [{ fn: 'sum', field: 'amountUsd', as: 'usd' }] }));
    expect(r.rows).toEqual([{ usd: 2 }]);
  });
});
