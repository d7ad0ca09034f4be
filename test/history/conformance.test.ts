// The DSL conformance of the two engines: the same events in the in-memory engine and in the PostgreSQL
// history (real database, a schema of this file's own), then every DSL case - random queries of the
// property test's shapes and fixed ones - against both. The raw path must answer exactly as memory
// (rows, order, series, paging); the rollup path exactly for counts, sums, min, max, rates and avg,
// within the sketch's relative accuracy for percentiles, and closely for stddev.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { QuerySchema, type Query, type QueryResult, type Row } from '../../shared/src/query';
import { AnalyticsEngine } from '../../service/src/analytics/engine';
import { PgHistory } from '../../service/src/history/pg-history';
import { compactMinutes } from '../../service/src/history/compact';
import { rollupEligible } from '../../service/src/history/rollup-query';
import { RELATIVE_ACCURACY } from '../../service/src/history/sketch';
import { toStored } from '../../service/src/store/types';
import { FIXED_CASES, HOUR, NOW, queryArb, randomEvents } from '../support/dsl-cases';
import { dropSchema, uniqueSchema } from '../support/pg-schema';

const url = inject('databaseUrl');
const schema = uniqueSchema('conformance');
const events = randomEvents(3000, 42);
const engineOptions = { retentionMs: 24 * HOUR, anomalyZThreshold: 3, clock: () => NOW };
let memory: AnalyticsEngine;
let raw: PgHistory;
let rollups: PgHistory;

beforeAll(async () => {
  if (!url) return;
  memory = new AnalyticsEngine(engineOptions);
  memory.ingest(events.map((e, i) => toStored(i + 1, e)));
  raw = new PgHistory({ url, schema, engineOptions, clock: () => NOW, spoolBytes: 1 << 20, rollupMinRangeMs: Number.POSITIVE_INFINITY });
  rollups = new PgHistory({ url, schema, engineOptions, clock: () => NOW, spoolBytes: 1 << 20, rollupMinRangeMs: 0 });
  await raw.start();
  await rollups.start();
  for (let i = 0; i < events.length; i += 700) {
    await raw.append(events.slice(i, i + 700).map((event, k) => ({ seq: i + k + 1, event })));
  }
  expect(raw.spool.size).toBe(0);
}, 60_000);

afterAll(async () => {
  if (!url) return;
  await raw.close();
  await rollups.close();
  await dropSchema(url, schema);
});

const cases = (): Query[] => [...FIXED_CASES, ...fc.sample(queryArb, { numRuns: 250, seed: 7 })].map((q) => QuerySchema.parse(q));

function withoutStats(r: QueryResult): Omit<QueryResult, 'stats' | 'nextCursor'> & { more: boolean } {
  const { stats: _stats, nextCursor, ...rest } = r;
  return { ...rest, more: nextCursor !== null };
}

function closeEnough(field: string, got: unknown, want: unknown, pct: boolean, sd: boolean): boolean {
  if (typeof got !== 'number' || typeof want !== 'number') return got === want;
  const scale = Math.max(1, Math.abs(want));
  if (pct) return Math.abs(got - want) <= RELATIVE_ACCURACY * Math.abs(want) + 1e-9;
  if (sd) return Math.abs(got - want) <= 1e-6 * scale;
  return Math.abs(got - want) <= 1e-9 * scale || field === '';
}

describe.skipIf(!url)('DSL conformance: memory vs PostgreSQL history', () => {
  it('the raw path answers every case exactly as memory', async () => {
    let n = 0;
    for (const q of cases()) {
      const want = await memory.query(q);
      const got = await raw.query(q);
      expect({ q, r: withoutStats(got) }).toEqual({ q, r: withoutStats(want) });
      n++;
    }
    expect(n).toBeGreaterThan(250);
  }, 120_000);

  it('pages through the same rows with its own cursors', async () => {
    const base = { type: 'tools', range: '3h', groupBy: ['tool', 'status'], interval: '10m', aggregations: [{ fn: 'p95', field: 'durationMs', as: 'p95' }], orderBy: { field: 'p95', dir: 'desc' } } as const;
    const all = (await memory.query(QuerySchema.parse({ ...base, limit: 10_000 }))).rows;
    const paged: Row[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r: QueryResult = await raw.query(QuerySchema.parse({ ...base, limit: 7, cursor }));
      paged.push(...r.rows);
      cursor = r.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBeGreaterThan(2);
    expect(paged).toEqual(all);
  });

  it('the rollup path agrees on every case it can answer (percentiles within the sketch accuracy)', async () => {
    await rollupCasesAgree();
  }, 120_000);

  it('compaction merges the partials of each minute and changes no answer', async () => {
    const rows = async () => Number((await raw.pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}".rollups`)).rows[0]?.n);
    const before = await rows();
    const answers = await Promise.all(cases().filter(rollupEligible).slice(0, 40).map((q) => rollups.query(q)));
    const removed = await compactMinutes(raw.pool, schema, 0, Math.ceil(NOW / 60_000) + 1);
    const removed5 = await compactMinutes(raw.pool, schema, 0, Math.ceil(NOW / 60_000) + 5, 'rollups_5m');
    expect(removed5).toBeGreaterThan(0);
    expect(removed).toBeGreaterThan(0);
    expect(await rows()).toBe(before - removed);
    // One row per minute and group now.
    const dup = await raw.pool.query<{ n: string }>(`SELECT count(*) AS n FROM (SELECT minute, type, d0, d1, d2 FROM "${schema}".rollups GROUP BY 1, 2, 3, 4, 5 HAVING count(*) > 1) d`);
    expect(Number(dup.rows[0]?.n)).toBe(0);
    const after = await Promise.all(cases().filter(rollupEligible).slice(0, 40).map((q) => rollups.query(q)));
    after.forEach((r, i) => {
      const b = answers[i] as QueryResult;
      expect(r.rows.length).toBe(b.rows.length);
      r.rows.forEach((row, k) => {
        for (const [f, v] of Object.entries(row)) {
          const w = (b.rows[k] as Row)[f];
          if (typeof v === 'number' && typeof w === 'number') expect(Math.abs(v - w)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(w)));
          else expect(v).toBe(w);
        }
      });
    });
    // And the whole suite of rollup cases still agrees with memory.
    await rollupCasesAgree();
  }, 120_000);

  async function rollupCasesAgree(): Promise<void> {
    let answered = 0;
    for (const q of cases()) {
      if (!rollupEligible(q)) continue;
      answered++;
      const want = await memory.query(q);
      const got = await rollups.query(q);
      expect(got.rows.length).toBe(want.rows.length);
      const key = (r: Row) => JSON.stringify([...q.groupBy.map((g) => r[g]), r.bucket ?? null]);
      const byKey = new Map(want.rows.map((r) => [key(r), r]));
      for (const r of got.rows) {
        const w = byKey.get(key(r));
        expect(w, `group ${key(r)} of ${JSON.stringify(q)}`).toBeDefined();
        for (const [k, v] of Object.entries(w as Row)) {
          const agg = q.aggregations.find((a) => (a.as ?? '') === k) ?? null;
          const pct = /^p\d|percentile/.test(k) || (agg !== null && ['p50', 'p95', 'p99', 'percentile'].includes(agg.fn));
          const sd = k.startsWith('stddev') || agg?.fn === 'stddev';
          if (!closeEnough(k, r[k], v, pct, sd)) expect({ q, group: key(r), field: k, got: r[k] }).toEqual({ q, group: key(r), field: k, got: v });
        }
      }
    }
    expect(answered).toBeGreaterThan(20);
  }
});
