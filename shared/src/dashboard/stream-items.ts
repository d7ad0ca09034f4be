// What the live stream carries, parsed and validated once at each boundary (SSE data in the host or
// the browser page, postMessage data in the webview). The event schemas are the service's own
// (shared/src/events.ts); here they get the stored form's `id` and epoch-ms `ts`.
import { z } from 'zod';
import {
  AnomalyPayloadSchema,
  CacheEventInput,
  CostsEventInput,
  ErrorsEventInput,
  EVENT_TYPES,
  HealthEventInput,
  PolicyEventInput,
  ResetPayloadSchema,
  RollupPayloadSchema,
  ToolsEventInput,
  type EventType,
} from '../events';

const stored = { id: z.string().min(1).max(32), ts: z.number().finite().nonnegative() };

/** An event as the stream hands it out. */
export const StreamEventSchema = z.discriminatedUnion('type', [
  CacheEventInput.extend(stored),
  PolicyEventInput.extend(stored),
  ToolsEventInput.extend(stored),
  CostsEventInput.extend(stored),
  ErrorsEventInput.extend(stored),
  HealthEventInput.extend(stored),
]);
export type StreamEvent = z.infer<typeof StreamEventSchema>;

export const StreamItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('event'), event: StreamEventSchema }),
  z.object({ kind: z.literal('rollup'), rollup: RollupPayloadSchema }),
  z.object({ kind: z.literal('anomaly'), anomaly: AnomalyPayloadSchema }),
  /** The Last-Event-ID we resumed from had left the server's buffer: events were missed. */
  z.object({ kind: z.literal('reset'), reset: ResetPayloadSchema.nullable() }),
]);
export type StreamItem = z.infer<typeof StreamItemSchema>;

/** The SSE `event:` names a client must listen to (EventSource has no catch-all listener). */
export const STREAM_EVENT_NAMES = [...EVENT_TYPES, 'rollup', 'anomaly', 'reset', 'message'] as const;

export type ParseResult = { ok: true; item: StreamItem } | { ok: false; reason: string };

function isEventType(s: string): s is EventType {
  return (EVENT_TYPES as readonly string[]).includes(s);
}

function summarise(e: z.ZodError): string {
  return e.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

/** Parses one SSE message (`event:` name and `data:` text). Never throws. */
export function parseStreamMessage(event: string, data: string): ParseResult {
  let json: unknown = null;
  if (data.trim() !== '') {
    try {
      json = JSON.parse(data) as unknown;
    } catch {
      return { ok: false, reason: `${event}: data is not JSON` };
    }
  }
  let candidate: unknown;
  if (event === 'reset') {
    // Tolerate an empty or unexpected body: the notice matters more than its details.
    const r = ResetPayloadSchema.safeParse(json);
    return { ok: true, item: { kind: 'reset', reset: r.success ? r.data : null } };
  } else if (event === 'rollup') candidate = { kind: 'rollup', rollup: json };
  else if (event === 'anomaly') candidate = { kind: 'anomaly', anomaly: json };
  else if (isEventType(event) || event === 'message') candidate = { kind: 'event', event: json };
  else return { ok: false, reason: `unknown stream event "${event.slice(0, 40)}"` };
  const r = StreamItemSchema.safeParse(candidate);
  return r.success ? { ok: true, item: r.data } : { ok: false, reason: `${event}: ${summarise(r.error)}` };
}
