// The analytics events of the control service (service.md "Events" and "Live stream"): zod schemas of the
// six event types as M1 applications send them, the stored form the service hands out (with `id`, `ts` in
// epoch ms), and the payloads of the SSE stream's own events (rollup, anomaly, reset). Used by the service
// to validate ingestion and by the webview to read the stream.
import { z } from 'zod';

export const EVENT_TYPES = ['cache', 'policy', 'tools', 'costs', 'errors', 'health'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export const EventTypeSchema = z.enum(EVENT_TYPES);

const MAX_TAGS = 32;
const text = (max: number) => z.string().min(1).max(max);
const nonNegative = z.number().finite().nonnegative();

/** Tags: at most 32, names like identifiers (they appear as `tags.<name>` in the DSL). */
export const TagsSchema = z
  .record(z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'tag names are 1-64 of A-Z a-z 0-9 _ . : -'), z.string().max(256))
  .refine((t) => Object.keys(t).length <= MAX_TAGS, `at most ${MAX_TAGS} tags`);

/** Epoch milliseconds or an ISO 8601 date-time (with offset or Z); absent means server time. */
export const TimestampInputSchema = z.union([
  z.number().finite().nonnegative().max(8.64e15),
  z.iso.datetime({ offset: true }).or(z.iso.date()),
]);

const base = {
  ts: TimestampInputSchema.optional(),
  tags: TagsSchema.optional(),
};

export const CacheEventInput = z.object({
  type: z.literal('cache'),
  ...base,
  op: z.enum(['hit', 'miss', 'set', 'evict']),
  latencyMs: nonNegative,
  key: text(512).optional(),
  sizeBytes: nonNegative.optional(),
});
export const PolicyEventInput = z.object({
  type: z.literal('policy'),
  ...base,
  policy: text(256),
  decision: z.enum(['allow', 'deny']),
  latencyMs: nonNegative,
  tool: text(256).optional(),
});
export const ToolsEventInput = z.object({
  type: z.literal('tools'),
  ...base,
  tool: text(256),
  status: z.enum(['ok', 'error', 'timeout']),
  durationMs: nonNegative,
  tokens: nonNegative.optional(),
});
export const CostsEventInput = z.object({
  type: z.literal('costs'),
  ...base,
  amountUsd: nonNegative,
  tool: text(256).optional(),
  model: text(256).optional(),
  tokens: nonNegative.optional(),
});
export const ErrorsEventInput = z.object({
  type: z.literal('errors'),
  ...base,
  code: text(128),
  message: text(2048),
  severity: z.enum(['low', 'medium', 'high', 'critical']),
  source: text(256).optional(),
});
export const HealthEventInput = z.object({
  type: z.literal('health'),
  ...base,
  component: text(256),
  status: z.enum(['up', 'degraded', 'down']),
  latencyMs: nonNegative.optional(),
});

/** One event as sent by an application. Unknown fields are dropped (forward compatibility). */
export const EventInputSchema = z.discriminatedUnion('type', [
  CacheEventInput,
  PolicyEventInput,
  ToolsEventInput,
  CostsEventInput,
  ErrorsEventInput,
  HealthEventInput,
]);
export type EventInput = z.input<typeof EventInputSchema>;
export type ParsedEventInput = z.output<typeof EventInputSchema>;

export const MAX_BATCH = 10_000;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** `ts` normalised to epoch ms; what the service stores before it assigns an id. */
export type NormalizedEvent = DistributiveOmit<ParsedEventInput, 'ts'> & { ts: number };
/** As handed out (stream `data`, query rows): the server-assigned id (gap-free sequence, decimal string). */
export type AnalyticsEvent = NormalizedEvent & { id: string };

export type EventOf<T extends EventType> = Extract<AnalyticsEvent, { type: T }>;

/** Field kinds per type, for the DSL and the columnar store. `ts` and `tags.<name>` are common to all. */
export const EVENT_FIELDS = {
  cache: { op: 'string', latencyMs: 'number', key: 'string', sizeBytes: 'number' },
  policy: { policy: 'string', decision: 'string', latencyMs: 'number', tool: 'string' },
  tools: { tool: 'string', status: 'string', durationMs: 'number', tokens: 'number' },
  costs: { amountUsd: 'number', tool: 'string', model: 'string', tokens: 'number' },
  errors: { code: 'string', message: 'string', severity: 'string', source: 'string' },
  health: { component: 'string', status: 'string', latencyMs: 'number' },
} as const satisfies Record<EventType, Record<string, 'string' | 'number'>>;

/** The latency-like field of each type that rollups report percentiles of (costs have none). */
export const LATENCY_FIELD: Record<EventType, string | null> = {
  cache: 'latencyMs',
  policy: 'latencyMs',
  tools: 'durationMs',
  costs: null,
  errors: null,
  health: 'latencyMs',
};

/** Converts an accepted timestamp input to epoch ms (`now` when absent). */
export function normalizeTimestamp(ts: number | string | undefined, now: number): number {
  if (ts === undefined) return now;
  if (typeof ts === 'number') return ts;
  return Date.parse(ts);
}

// ---- SSE payloads (the stream's own event types) ----

export const SSE_EVENT_TYPES = ['rollup', 'anomaly', 'reset'] as const;

export const RollupStatsSchema = z.object({
  count: z.number(),
  /** Failed / count for the types with a failure notion (tools: status error or timeout; health: status
   * not up); null for the others. */
  errorRate: z.number().nullable(),
  p50: z.number().nullable(),
  p95: z.number().nullable(),
  p99: z.number().nullable(),
  /** Sum of amountUsd (costs); 0 for other types. */
  costUsd: z.number(),
});
export type RollupStats = z.infer<typeof RollupStatsSchema>;

export const RollupPayloadSchema = z.object({
  /** Interval start and end, epoch ms (server time of arrival). */
  from: z.number(),
  to: z.number(),
  intervalMs: z.number(),
  types: z.partialRecord(EventTypeSchema, RollupStatsSchema),
});
export type RollupPayload = z.infer<typeof RollupPayloadSchema>;

export const AnomalyPayloadSchema = z.object({
  type: EventTypeSchema,
  metric: z.enum(['count', 'errorRate', 'p50', 'p95', 'p99', 'costUsd']),
  value: z.number(),
  mean: z.number(),
  stddev: z.number(),
  /** null: the window was constant (stddev 0) and the value differs from it. */
  z: z.number().nullable(),
  threshold: z.number(),
  from: z.number(),
  to: z.number(),
  intervalMs: z.number(),
});
export type AnomalyPayload = z.infer<typeof AnomalyPayloadSchema>;

export const ResetPayloadSchema = z.object({
  /** aged-out: the id left the buffer; ahead: the id is beyond this stream (server restarted or store reset);
   * invalid: not a sequence id; gap: the server's own feed skipped events (store trimmed during an outage). */
  reason: z.enum(['aged-out', 'ahead', 'invalid', 'gap']),
  /** The oldest id still buffered, when any. */
  oldestId: z.string().nullable(),
  latestId: z.string().nullable(),
});
export type ResetPayload = z.infer<typeof ResetPayloadSchema>;
