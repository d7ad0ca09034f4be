// DSL cases shared by the conformance tests of the two engines (memory and the PostgreSQL history):
// random tools events and random queries over them (the same shapes as the DSL property test in
// service/src/analytics/dsl.property.test.ts), plus fixed cases for what random ones rarely hit.
import fc from 'fast-check';
import type { AnalyticsEvent } from '../../shared/src/events';
import { aggregationAlias, type QueryInput } from '../../shared/src/query';

export const NOW = 1_700_000_000_000;
export const HOUR = 3_600_000;

export type ToolsEvent = Extract<AnalyticsEvent, { type: 'tools' }>;

const eventArb = fc.record({
  tool: fc.constantFrom('search', 'fetch', 'shell', 'sql'),
  status: fc.constantFrom('ok', 'error', 'timeout'),
  durationMs: fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.double({ min: 0, max: 1000, noNaN: true })),
  tokens: fc.option(fc.integer({ min: 0, max: 4000 }), { nil: undefined }),
  region: fc.option(fc.constantFrom('eu', 'us', 'ap'), { nil: undefined }),
  age: fc.integer({ min: 0, max: 3 * HOUR }),
});

const filterArb = fc.oneof(
  fc.record({ field: fc.constant('tool'), op: fc.constantFrom('eq', 'ne'), value: fc.constantFrom('search', 'sql', 'nope') }),
  fc.record({ field: fc.constant('status'), op: fc.constant('in'), value: fc.subarray(['ok', 'error', 'timeout'], { minLength: 1 }) }),
  fc.record({ field: fc.constant('tool'), op: fc.constant('contains'), value: fc.constantFrom('e', 'sh', 'q') }),
  fc.record({ field: fc.constantFrom('durationMs', 'tokens'), op: fc.constantFrom('gt', 'gte', 'lt', 'lte', 'eq', 'ne'), value: fc.integer({ min: 0, max: 5000 }) }),
  fc.record({ field: fc.constant('tags.region'), op: fc.constantFrom('eq', 'ne'), value: fc.constantFrom('eu', 'us') }),
  fc.record({ field: fc.constant('tags.region'), op: fc.constant('in'), value: fc.subarray(['eu', 'us', 'zz'], { minLength: 1 }) }),
);

const aggArb = fc.oneof(
  fc.constant({ fn: 'count' as const }),
  fc.record({ fn: fc.constantFrom('sum', 'avg', 'min', 'max', 'stddev', 'rate', 'count', 'p50', 'p95', 'p99'), field: fc.constantFrom('durationMs', 'tokens') }),
  fc.record({ fn: fc.constant('percentile' as const), field: fc.constantFrom('durationMs', 'tokens'), p: fc.oneof(fc.integer({ min: 1, max: 100 }), fc.double({ min: 0.01, max: 100, noNaN: true })) }),
  fc.constant({ fn: 'rate' as const }),
);

export const queryArb: fc.Arbitrary<QueryInput> = fc
  .record({
    filters: fc.array(filterArb, { maxLength: 3 }),
    groupBy: fc.subarray(['tool', 'status', 'tags.region']),
    interval: fc.option(fc.constantFrom('1m', '5m', '10m', '1h'), { nil: undefined }),
    aggregations: fc.uniqueArray(aggArb, { minLength: 1, maxLength: 5, selector: (a) => aggregationAlias(a) }),
    range: fc.oneof(
      fc.constantFrom('1h', '30m', '2h', '3h'),
      fc.record({ from: fc.integer({ min: NOW - 3 * HOUR, max: NOW - 60_000 }), to: fc.integer({ min: NOW - 59_000, max: NOW }) }),
    ),
  })
  .map((q) => ({ type: 'tools', limit: 10_000, ...q }));

/** Fixed cases: string and ISO instants, ts filters and aggregations, absent fields, analyses. */
export const FIXED_CASES: QueryInput[] = [
  { type: 'tools', range: '3h' },
  { type: 'tools', range: '3h', groupBy: ['tool'], aggregations: [{ fn: 'count' }, { fn: 'p99', field: 'durationMs' }], orderBy: { field: 'p99_durationMs', dir: 'desc' } },
  { type: 'tools', range: { from: new Date(NOW - 2 * HOUR).toISOString() }, groupBy: ['status'], aggregations: [{ fn: 'min', field: 'ts', as: 'first' }, { fn: 'max', field: 'ts', as: 'last' }] },
  { type: 'tools', range: '2h', filters: [{ field: 'ts', op: 'gte', value: new Date(NOW - HOUR).toISOString() }], aggregations: [{ fn: 'count' }] },
  { type: 'tools', range: '2h', filters: [{ field: 'tokens', op: 'ne', value: 7 }], groupBy: ['tags.region'], aggregations: [{ fn: 'count', field: 'tokens' }, { fn: 'sum', field: 'tokens' }] },
  { type: 'tools', range: '3h', interval: '10m', aggregations: [{ fn: 'count' }], analysis: ['anomalies', { kind: 'trend', window: 3 }] },
  { type: 'tools', range: '3h', groupBy: ['tool', 'status'], aggregations: [{ fn: 'percentile', p: 12.5, field: 'durationMs' }], limit: 3 },
  { type: 'tools', range: '1h', filters: [{ field: 'tool', op: 'eq', value: 'never-seen' }] },
];

export function randomEvents(n: number, seed: number): ToolsEvent[] {
  const raw = fc.sample(eventArb, { numRuns: n, seed });
  return raw.map((r, i) => {
    const e: ToolsEvent = { id: String(i + 1), type: 'tools', ts: NOW - r.age, tool: r.tool, status: r.status, durationMs: r.durationMs };
    if (r.tokens !== undefined) e.tokens = r.tokens;
    if (r.region !== undefined) e.tags = { region: r.region };
    return e;
  });
}
