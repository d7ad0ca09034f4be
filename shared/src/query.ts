// The analytics query DSL (service.md "Query DSL") as zod schemas: what POST /v1/query accepts and what
// it answers. Field checks against the event type happen here too (superRefine), so the webview's query
// box and the service report the same issues at the same paths.
import { z } from 'zod';
import { EVENT_FIELDS, EventTypeSchema, type EventType } from './events';

export const FILTER_OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'contains'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];
export const AGG_FNS = ['count', 'sum', 'avg', 'min', 'max', 'stddev', 'rate', 'percentile', 'p50', 'p95', 'p99'] as const;
export type AggFn = (typeof AGG_FNS)[number];

export const MAX_LIMIT = 10_000;
export const DEFAULT_LIMIT = 1_000;
export const MAX_BUCKETS = 100_000;
export const DEFAULT_ANOMALY_WINDOW = 20;
export const DEFAULT_TREND_WINDOW = 5;

const DURATION = /^(\d+)(s|m|h|d)$/;
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `90s` → 90000; null when not a duration. */
export function parseDuration(s: string): number | null {
  const m = DURATION.exec(s);
  if (!m) return null;
  return Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
}

export const DurationSchema = z
  .string()
  .regex(DURATION, 'a duration is <n>(s|m|h|d), e.g. 15m')
  .refine((s) => (parseDuration(s) ?? 0) > 0, 'a duration must be greater than 0');

/** Epoch ms or ISO 8601. */
export const InstantSchema = z.union([z.number().finite().nonnegative(), z.iso.datetime({ offset: true }).or(z.iso.date())]);

export function instantMs(v: number | string): number {
  return typeof v === 'number' ? v : Date.parse(v);
}

export const RangeSchema = z.union([
  DurationSchema,
  z
    .object({ from: InstantSchema, to: InstantSchema.optional() })
    .refine((r) => r.to === undefined || instantMs(r.from) < instantMs(r.to), {
      message: 'impossible range: "from" must be before "to"',
      path: ['from'],
    }),
]);

const scalar = z.union([z.string(), z.number().finite()]);

export const FilterSchema = z.object({
  field: z.string().min(1),
  op: z.enum(FILTER_OPS),
  value: z.union([scalar, z.array(scalar).min(1).max(1000)]),
});
export type Filter = z.infer<typeof FilterSchema>;

const ALIAS = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export const AggregationSchema = z.object({
  fn: z.enum(AGG_FNS),
  field: z.string().min(1).optional(),
  /** percentile only: 0 < p <= 100. */
  p: z.number().finite().gt(0, 'p must be in (0, 100]').lte(100, 'p must be in (0, 100]').optional(),
  as: z.string().regex(ALIAS, 'an alias is an identifier (letters, digits, _)').optional(),
});
export type Aggregation = z.infer<typeof AggregationSchema>;

export const AnalysisSchema = z.union([
  z.enum(['anomalies', 'trend']),
  z.object({
    kind: z.literal('anomalies'),
    window: z.number().int().min(2).max(1000).optional(),
    threshold: z.number().finite().positive().optional(),
  }),
  z.object({ kind: z.literal('trend'), window: z.number().int().min(1).max(1000).optional() }),
]);
export type Analysis = z.infer<typeof AnalysisSchema>;

export const OrderBySchema = z.object({ field: z.string().min(1), dir: z.enum(['asc', 'desc']).default('asc') });

export const QuerySchema = z
  .object({
    type: EventTypeSchema,
    range: RangeSchema.default('1h'),
    filters: z.array(FilterSchema).max(100).default([]),
    groupBy: z.array(z.string().min(1)).max(16).default([]),
    interval: DurationSchema.optional(),
    aggregations: z.array(AggregationSchema).min(1).max(64).default([{ fn: 'count' }]),
    analysis: z.array(AnalysisSchema).max(2).default([]),
    orderBy: z.union([OrderBySchema, z.array(OrderBySchema).max(8)]).optional(),
    limit: z.number().int().min(1).max(MAX_LIMIT, `limit is at most ${MAX_LIMIT}`).default(DEFAULT_LIMIT),
    cursor: z.string().max(2048).nullable().default(null),
  })
  .strict()
  .superRefine((q, ctx) => checkFields(q, ctx));
export type QueryInput = z.input<typeof QuerySchema>;
export type Query = z.output<typeof QuerySchema>;

export type FieldKind = 'string' | 'number';

/** The kind of a field of `type`, `ts`, or a tag; null when unknown. */
export function fieldKind(type: EventType, field: string): FieldKind | null {
  if (field === 'ts') return 'number';
  if (/^tags\.[A-Za-z0-9_.:-]{1,64}$/.test(field)) return 'string';
  const fields: Record<string, FieldKind> = EVENT_FIELDS[type];
  return Object.prototype.hasOwnProperty.call(fields, field) ? (fields[field] ?? null) : null;
}

export function aggregationAlias(a: Aggregation): string {
  if (a.as) return a.as;
  if (a.fn === 'count' && !a.field) return 'count';
  if (a.fn === 'rate' && !a.field) return 'rate';
  if (a.fn === 'percentile') return `p${String(a.p ?? '').replace('.', '_')}_${a.field ?? ''}`;
  return `${a.fn}_${a.field ?? ''}`;
}

const COMPARE_OPS: readonly FilterOp[] = ['gt', 'gte', 'lt', 'lte'];

function checkFields(q: Query, ctx: z.RefinementCtx): void {
  const known = () => ['ts', ...Object.keys(EVENT_FIELDS[q.type]), 'tags.<name>'].join(', ');
  const unknown = (path: PropertyKey[], field: string) =>
    ctx.addIssue({ code: 'custom', path, message: `unknown field "${field}" for type ${q.type}; known: ${known()}` });

  q.filters.forEach((f, i) => {
    const kind = fieldKind(q.type, f.field);
    if (!kind) return unknown(['filters', i, 'field'], f.field);
    const isList = Array.isArray(f.value);
    if (f.op === 'in' && !isList) ctx.addIssue({ code: 'custom', path: ['filters', i, 'value'], message: '"in" takes a list of values' });
    if (f.op !== 'in' && isList) ctx.addIssue({ code: 'custom', path: ['filters', i, 'value'], message: `"${f.op}" takes a single value` });
    if (COMPARE_OPS.includes(f.op) && kind !== 'number') {
      ctx.addIssue({ code: 'custom', path: ['filters', i, 'op'], message: `"${f.op}" needs a numeric field; "${f.field}" is a string` });
    }
    if (f.op === 'contains' && kind !== 'string') {
      ctx.addIssue({ code: 'custom', path: ['filters', i, 'op'], message: `"contains" needs a string field; "${f.field}" is numeric` });
    }
    const values = Array.isArray(f.value) ? f.value : [f.value];
    const wrong = values.some((v) =>
      kind === 'string' ? typeof v !== 'string' : typeof v !== 'number' && !(f.field === 'ts' && !Number.isNaN(Date.parse(v))),
    );
    if (wrong) ctx.addIssue({ code: 'custom', path: ['filters', i, 'value'], message: `"${f.field}" is a ${kind} field; compare it with ${kind} values` });
  });

  q.groupBy.forEach((g, i) => {
    if (g === 'ts') ctx.addIssue({ code: 'custom', path: ['groupBy', i], message: 'group by time with "interval", not "ts"' });
    else if (!fieldKind(q.type, g)) unknown(['groupBy', i], g);
  });
  if (new Set(q.groupBy).size !== q.groupBy.length) ctx.addIssue({ code: 'custom', path: ['groupBy'], message: 'a field appears twice' });

  const aliases = new Set<string>(['bucket', ...q.groupBy]);
  q.aggregations.forEach((a, i) => {
    const needsField = a.fn !== 'count' && a.fn !== 'rate';
    if (needsField && !a.field) ctx.addIssue({ code: 'custom', path: ['aggregations', i, 'field'], message: `"${a.fn}" needs a numeric field` });
    if (a.field) {
      const kind = fieldKind(q.type, a.field);
      if (!kind) unknown(['aggregations', i, 'field'], a.field);
      else if (kind !== 'number' && a.fn !== 'count') {
        ctx.addIssue({ code: 'custom', path: ['aggregations', i, 'field'], message: `"${a.fn}" needs a numeric field; "${a.field}" is a string` });
      }
    }
    if (a.fn === 'percentile' && a.p === undefined) ctx.addIssue({ code: 'custom', path: ['aggregations', i, 'p'], message: '"percentile" needs p in (0, 100]' });
    if (a.fn !== 'percentile' && a.p !== undefined) ctx.addIssue({ code: 'custom', path: ['aggregations', i, 'p'], message: `"p" is only for "percentile"` });
    const alias = aggregationAlias(a);
    if (aliases.has(alias)) ctx.addIssue({ code: 'custom', path: ['aggregations', i, 'as'], message: `the name "${alias}" is already used; set "as"` });
    aliases.add(alias);
  });

  const orders = q.orderBy === undefined ? [] : Array.isArray(q.orderBy) ? q.orderBy : [q.orderBy];
  orders.forEach((o, i) => {
    if (!aliases.has(o.field) || (o.field === 'bucket' && !q.interval)) {
      const path = Array.isArray(q.orderBy) ? ['orderBy', i, 'field'] : ['orderBy', 'field'];
      ctx.addIssue({ code: 'custom', path, message: `order by a groupBy field, an aggregation name${q.interval ? ' or "bucket"' : ''}; got "${o.field}"` });
    }
  });

  if (q.analysis.length > 0 && !q.interval) {
    ctx.addIssue({ code: 'custom', path: ['analysis'], message: '"anomalies" and "trend" work on time series: set "interval"' });
  }
}

// ---- response ----

export type RowValue = string | number | null;
export type Row = Record<string, RowValue>;

export interface SeriesPoint {
  bucket: number;
  value: number | null;
}
export interface AnomalyPoint {
  bucket: number;
  value: number;
  mean: number;
  stddev: number;
  /** null: the window was constant (stddev 0) and the value differs from it. */
  z: number | null;
}
export interface Trend {
  direction: 'up' | 'down' | 'flat';
  /** Last moving average vs the first, in percent; null when the first is 0. */
  percentChange: number | null;
  /** Least-squares slope of the moving average, per bucket. */
  slopePerBucket: number;
}
export interface Series {
  group: Record<string, string | number | null>;
  metric: string;
  points: SeriesPoint[];
  anomalies?: AnomalyPoint[];
  trend?: Trend;
}

/** The span of `ts` (epoch ms, [from, to)) an answer is complete for, when it is shorter than the
 * retention: the memory budget evicted older rows, or the history database is unreachable. */
export interface Coverage {
  from: number;
  to: number;
}

export interface QueryResult {
  rows: Row[];
  series?: Series[];
  nextCursor: string | null;
  stats: { scanned: number; tookMs: number };
  /** Present only when the answer covers less than the retention (additive field). */
  coverage?: Coverage;
}
