// The DSL against a straightforward reference computation on random data (fast-check): filters, group-by
// (fields and tags), buckets, all aggregation functions including arbitrary percentiles, ordering and
// cursor pagination must give the same rows as the obvious loops over plain objects.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnalyticsEvent } from '../../../shared/src/events';
import { QuerySchema, aggregationAlias, parseDuration, type Query, type QueryInput, type QueryResult, type Row } from '../../../shared/src/query';
import { toStored } from '../store/types';
import { AnalyticsEngine } from './engine';

const NOW = 1_700_000_000_000;
const HOUR = 3_600_000;

type ToolsEvent = Extract<AnalyticsEvent, { type: 'tools' }>;

const eventArb = fc.record({
  tool: fc.constantFrom('search', 'fetch', 'shell', 'sql'),
  status: fc.constantFrom('ok', 'error', 'timeout'),
  durationMs: fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.double({ min: 0, max: 1000, noNaN: true })),
  tokens: fc.option(fc.integer({ min: 0, max: 4000 }), { nil: undefined }),
  region: fc.option(fc.constantFrom('eu', 'us', 'ap'), { nil: undefined }),
  age: fc.integer({ min: 0, max: 2 * HOUR }),
});

const filterArb = fc.oneof(
  fc.record({ field: fc.constant('tool'), op: fc.constantFrom('eq', 'ne'), value: fc.constantFrom('search', 'sql', 'nope') }),
  fc.record({ field: fc.constant('status'), op: fc.constant('in'), value: fc.subarray(['ok', 'error', 'timeout'], { minLength: 1 }) }),
  fc.record({ field: fc.constant('tool'), op: fc.constant('contains'), value: fc.constantFrom('e', 'sh', 'q') }),
  fc.record({ field: fc.constantFrom('durationMs', 'tokens'), op: fc.constantFrom('gt', 'gte', 'lt', 'lte', 'eq', 'ne'), value: fc.integer({ min: 0, max: 5000 }) }),
  fc.record({ field: fc.constant('tags.region'), op: fc.constantFrom('eq', 'ne'), value: fc.constantFrom('eu', 'us') }),
);

const aggArb = fc.oneof(
  fc.constant({ fn: 'count' as const }),
  fc.record({ fn: fc.constantFrom('sum', 'avg', 'min', 'max', 'stddev', 'rate', 'count', 'p50', 'p95', 'p99'), field: fc.constantFrom('durationMs', 'tokens') }),
  fc.record({ fn: fc.constant('percentile' as const), field: fc.constantFrom('durationMs', 'tokens'), p: fc.oneof(fc.integer({ min: 1, max: 100 }), fc.double({ min: 0.01, max: 100, noNaN: true })) }),
  fc.constant({ fn: 'rate' as const }),
);

const queryArb = fc.record({
  filters: fc.array(filterArb, { maxLength: 3 }),
  groupBy: fc.subarray(['tool', 'status', 'tags.region']),
  interval: fc.option(fc.constantFrom('1m', '5m', '10m', '1h'), { nil: undefined }),
  aggregations: fc.uniqueArray(aggArb, { minLength: 1, maxLength: 5, selector: (a) => aggregationAlias(a) }),
  range: fc.oneof(fc.constantFrom('1h', '30m', '2h'), fc.record({ from: fc.integer({ min: NOW - 2 * HOUR, max: NOW - 60_000 }), to: fc.integer({ min: NOW - 59_000, max: NOW }) })),
});

// ---- the reference: plain loops over plain objects ----

function refPercentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (s.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.min(lo + 1, s.length - 1);
  return (s[lo] as number) + (rank - lo) * ((s[hi] as number) - (s[lo] as number));
}

function fieldOf(e: ToolsEvent, f: string): string | number | undefined {
  if (f.startsWith('tags.')) return e.tags?.[f.slice(5)];
  return (e as unknown as Record<string, string | number | undefined>)[f];
}

function matches(e: ToolsEvent, f: Query['filters'][number]): boolean {
  const v = fieldOf(e, f.field);
  if (v === undefined) return f.op === 'ne';
  const x = f.value;
  switch (f.op) {
    case 'eq':
      return v === x;
    case 'ne':
      return v !== x;
    case 'gt':
      return (v as number) > (x as number);
    case 'gte':
      return (v as number) >= (x as number);
    case 'lt':
      return (v as number) < (x as number);
    case 'lte':
      return (v as number) <= (x as number);
    case 'in':
      return (x as (string | number)[]).includes(v);
    case 'contains':
      return String(v).includes(x as string);
  }
}

function reference(events: ToolsEvent[], q: Query): Row[] {
  const [from, to] = typeof q.range === 'string' ? [NOW - (parseDuration(q.range) as number), NOW + 1] : [q.range.from as number, q.range.to as number];
  const lo = Math.max(from, NOW - 24 * HOUR);
  const iv = q.interval ? (parseDuration(q.interval) as number) : null;
  const groups = new Map<string, { key: Row; events: ToolsEvent[] }>();
  for (const e of events) {
    if (e.ts < lo || e.ts >= to) continue;
    if (!q.filters.every((f) => matches(e, f))) continue;
    const key: Row = {};
    for (const g of q.groupBy) key[g] = fieldOf(e, g) ?? null;
    if (iv) key.bucket = Math.floor(e.ts / iv) * iv;
    const k = JSON.stringify(key);
    const entry = groups.get(k) ?? { key, events: [] };
    entry.events.push(e);
    groups.set(k, entry);
  }
  return [...groups.values()].map(({ key, events: es }) => {
    const row: Row = { ...key };
    const seconds = iv ? (Math.min(to, (key.bucket as number) + iv) - Math.max(lo, key.bucket as number)) / 1000 : (to - lo) / 1000;
    for (const a of q.aggregations) {
      const vals = a.field ? es.map((e) => fieldOf(e, a.field as string)).filter((v): v is number => typeof v === 'number') : [];
      const n = a.field ? vals.length : es.length;
      const sum = vals.reduce((x, y) => x + y, 0);
      const mean = sum / vals.length;
      let v: number | null;
      switch (a.fn) {
        case 'count':
          v = n;
          break;
        case 'sum':
          v = sum;
          break;
        case 'rate':
          v = (a.field ? sum : n) / seconds;
          break;
        case 'avg':
          v = n ? mean : null;
          break;
        case 'min':
          v = n ? Math.min(...vals) : null;
          break;
        case 'max':
          v = n ? Math.max(...vals) : null;
          break;
        case 'stddev':
          v = n ? Math.sqrt(vals.reduce((x, y) => x + (y - mean) ** 2, 0) / n) : null;
          break;
        case 'percentile':
          v = refPercentile(vals, a.p as number);
          break;
        default:
          v = refPercentile(vals, Number(a.fn.slice(1)));
      }
      row[aggregationAlias(a)] = v;
    }
    return row;
  });
}

function close(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  return a === b;
}

function sameRows(actual: Row[], expected: Row[], groupCols: string[]): void {
  const key = (r: Row) => JSON.stringify(groupCols.map((c) => r[c]));
  const exp = new Map(expected.map((r) => [key(r), r]));
  expect(actual.length).toBe(expected.length);
  for (const r of actual) {
    const e = exp.get(key(r));
    expect(e, `unexpected group ${key(r)}`).toBeDefined();
    for (const [k, v] of Object.entries(e as Row)) {
      if (!close(r[k], v)) expect({ group: key(r), field: k, actual: r[k] }).toEqual({ group: key(r), field: k, actual: v });
    }
  }
}

function engineWith(events: ToolsEvent[]): AnalyticsEngine {
  const engine = new AnalyticsEngine({ retentionMs: 24 * HOUR, anomalyZThreshold: 3, clock: () => NOW });
  engine.ingest(events.map((e, i) => toStored(i + 1, e)));
  return engine;
}

type RawEvent = typeof eventArb extends fc.Arbitrary<infer T> ? T : never;

function toEvents(raw: RawEvent[]): ToolsEvent[] {
  return raw.map((r, i) => {
    const e: ToolsEvent = { id: String(i + 1), type: 'tools', ts: NOW - r.age, tool: r.tool, status: r.status, durationMs: r.durationMs };
    if (r.tokens !== undefined) e.tokens = r.tokens;
    if (r.region !== undefined) e.tags = { region: r.region };
    return e;
  });
}

describe('DSL vs reference', () => {
  it('gives the reference rows for random data and queries', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(eventArb, { maxLength: 400 }), queryArb, async (raw, qa) => {
        const events = toEvents(raw);
        const q = QuerySchema.parse({ type: 'tools', limit: 10_000, ...qa } satisfies QueryInput);
        const result = await engineWith(events).query(q);
        const groupCols = [...q.groupBy, ...(q.interval ? ['bucket'] : [])];
        sameRows(result.rows, reference(events, q), groupCols);
        expect(result.nextCursor).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('pages through the same rows with the cursor, in order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(eventArb, { minLength: 1, maxLength: 300 }), fc.integer({ min: 1, max: 7 }), async (raw, limit) => {
        const events = toEvents(raw);
        const engine = engineWith(events);
        const base = { type: 'tools', range: '2h', groupBy: ['tool', 'status'], interval: '10m', aggregations: [{ fn: 'p95', field: 'durationMs', as: 'p95' }], orderBy: { field: 'p95', dir: 'desc' } } satisfies QueryInput;
        const all = (await engine.query(QuerySchema.parse({ ...base, limit: 10_000 }))).rows;
        const paged: Row[] = [];
        let cursor: string | null = null;
        do {
          const res: QueryResult = await engine.query(QuerySchema.parse({ ...base, limit, cursor }));
          paged.push(...res.rows);
          cursor = res.nextCursor;
        } while (cursor);
        expect(paged).toEqual(all);
        const p95s = all.map((r) => r.p95 as number | null).filter((v): v is number => v !== null);
        expect(p95s).toEqual([...p95s].sort((a, b) => b - a));
      }),
      { numRuns: 100 },
    );
  });
});
