// fast-check arbitraries for input that passes the schemas with hostile VALUES (any Unicode, huge
// and tiny numbers, many tags, extreme ranges and windows): they reach the handlers, the analytics
// engine and the DSL executor instead of stopping at validation.
import fc from 'fast-check';
import { EVENT_FIELDS, EVENT_TYPES, type EventType } from '../../../shared/src/events';
import { aggregationAlias } from '../../../shared/src/query';

const text = (max: number): fc.Arbitrary<string> => fc.string({ unit: 'binary', minLength: 1, maxLength: max });
const number = fc.oneof(fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 2 ** 31 }), fc.constantFrom(0, 1e-300, 1e308, Number.MAX_SAFE_INTEGER));
const tagName = fc.stringMatching(/^[A-Za-z0-9_.:-]{1,64}$/);
const tags = fc.dictionary(tagName, fc.string({ unit: 'binary', maxLength: 256 }), { maxKeys: 32 });
const ts = fc.oneof(fc.integer({ min: 0, max: 8.64e15 }), fc.date({ min: new Date(0), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString()));

const ENUMS: Record<string, readonly string[]> = {
  op: ['hit', 'miss', 'set', 'evict'],
  decision: ['allow', 'deny'],
  severity: ['low', 'medium', 'high', 'critical'],
};
const REQUIRED: Record<EventType, readonly string[]> = {
  cache: ['op', 'latencyMs'],
  policy: ['policy', 'decision', 'latencyMs'],
  tools: ['tool', 'status', 'durationMs'],
  costs: ['amountUsd'],
  errors: ['code', 'message', 'severity'],
  health: ['component', 'status'],
};
const STATUS: Partial<Record<EventType, readonly string[]>> = { tools: ['ok', 'error', 'timeout'], health: ['up', 'degraded', 'down'] };

export const validEvent: fc.Arbitrary<Record<string, unknown>> = fc.constantFrom(...EVENT_TYPES).chain((type) => {
  const fields: Record<string, fc.Arbitrary<unknown>> = { type: fc.constant(type), ts, tags };
  for (const [name, kind] of Object.entries(EVENT_FIELDS[type])) {
    const choices = name === 'status' ? STATUS[type] : ENUMS[name];
    fields[name] = choices ? fc.constantFrom(...choices) : kind === 'number' ? number : text(name === 'message' ? 2048 : name === 'key' ? 512 : 128);
  }
  return fc.record(fields, { requiredKeys: ['type', ...REQUIRED[type]] });
});

const duration = fc.oneof(fc.constantFrom('1s', '10s', '1m', '5m', '1h', '1d', '7d', '168h'), fc.integer({ min: 1, max: 1_000_000 }).map((n) => `${n}s`));
const now = Date.now();
const range = fc.oneof(
  duration,
  fc.tuple(fc.integer({ min: 0, max: now + 86_400_000 }), fc.integer({ min: 1, max: 40 * 86_400_000 })).map(([from, span]) => ({ from, to: from + span })),
  fc.integer({ min: 0, max: now }).map((from) => ({ from })),
);

export const validishQuery: fc.Arbitrary<Record<string, unknown>> = fc.constantFrom(...EVENT_TYPES).chain((type) => {
  const all = Object.entries(EVENT_FIELDS[type]);
  const numeric = all.filter(([, k]) => k === 'number').map(([f]) => f);
  const strings = [...all.filter(([, k]) => k === 'string').map(([f]) => f), 'tags.region', 'tags.x'];
  const filter = fc.oneof(
    fc.record({ field: fc.constantFrom(...strings), op: fc.constantFrom('eq', 'ne', 'contains'), value: fc.string({ unit: 'binary', maxLength: 40 }) }),
    fc.record({ field: fc.constantFrom(...strings), op: fc.constant('in'), value: fc.array(fc.string({ maxLength: 20 }), { minLength: 1, maxLength: 1000 }) }),
    ...(numeric.length > 0 ? [fc.record({ field: fc.constantFrom(...numeric, 'ts'), op: fc.constantFrom('eq', 'ne', 'gt', 'gte', 'lt', 'lte'), value: number })] : []),
  );
  const agg = fc.oneof(
    fc.constant({ fn: 'count' }),
    fc.constant({ fn: 'rate' }),
    ...(numeric.length > 0
      ? [
          fc.record({ fn: fc.constantFrom('sum', 'avg', 'min', 'max', 'stddev', 'rate', 'count', 'p50', 'p95', 'p99'), field: fc.constantFrom(...numeric) }),
          fc.record({ fn: fc.constant('percentile'), field: fc.constantFrom(...numeric), p: fc.double({ min: 1e-9, max: 100, noNaN: true }) }),
        ]
      : []),
  );
  return fc
    .record({
      filters: fc.array(filter, { maxLength: 5 }),
      groupBy: fc.subarray(strings.filter((s) => s !== 'message'), { maxLength: 4 }),
      interval: fc.option(duration, { nil: undefined }),
      aggregations: fc.uniqueArray(agg, { minLength: 1, maxLength: 8, selector: (a) => aggregationAlias(a as Parameters<typeof aggregationAlias>[0]) }),
      analysis: fc.subarray(['anomalies', 'trend'] as const).chain((kinds) =>
        fc.tuple(...kinds.map((k) => fc.oneof(fc.constant(k), k === 'anomalies' ? fc.record({ kind: fc.constant(k), window: fc.integer({ min: 2, max: 1000 }), threshold: fc.double({ min: 0.01, max: 100, noNaN: true }) }) : fc.record({ kind: fc.constant(k), window: fc.integer({ min: 1, max: 1000 }) })))),
      ),
      range,
      limit: fc.integer({ min: 1, max: 10_000 }),
      desc: fc.boolean(),
    })
    .map(({ interval, analysis, desc, ...q }) => ({
      type,
      ...q,
      ...(interval ? { interval, analysis } : {}),
      orderBy: { field: aggregationAlias(q.aggregations[0] as Parameters<typeof aggregationAlias>[0]), dir: desc ? 'desc' : 'asc' },
    }));
});
