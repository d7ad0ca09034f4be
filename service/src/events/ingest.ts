// Ingestion: validates a POST /v1/events body (one event or {"events": [...]}, all-or-nothing), normalises
// timestamps and hands the batch to the store. Shared by the HTTP route, the demo generator and `emit`.
import { z } from 'zod';
import { EventInputSchema, MAX_BATCH, normalizeTimestamp, type AnalyticsEvent, type NormalizedEvent, type ParsedEventInput } from '../../../shared/src/events';
import { HttpError, zodIssues, type ErrorIssue } from '../http/errors';
import type { Counter } from '../metrics/registry';
import type { EventStore } from '../store/types';

/** Where acknowledged batches also go (the PostgreSQL history, pg-history.ts). */
export interface HistorySink {
  /** Throws an HttpError (503) when the batch could not be kept: then nothing is stored or acknowledged. */
  assertCanAccept(events: number): void;
  /** Writes, or spools while the database is unreachable; never rejects for a database failure. */
  append(batch: readonly { seq: number; event: AnalyticsEvent }[]): Promise<void>;
}

const BatchEnvelope = z.object({ events: z.array(z.unknown()).max(MAX_BATCH, `at most ${MAX_BATCH} events per batch`) });

/** Validates every item; throws one 400 naming each bad item by index (nothing is stored). */
export function parseIngestBody(body: unknown): ParsedEventInput[] {
  const isBatch = typeof body === 'object' && body !== null && !Array.isArray(body) && 'events' in body;
  if (!isBatch) {
    const r = EventInputSchema.safeParse(body);
    if (r.success) return [r.data];
    const issues = zodIssues(r.error);
    throw new HttpError(400, 'invalid_event', `invalid event: ${summary(issues)}`, issues);
  }
  const env = BatchEnvelope.safeParse(body);
  if (!env.success) {
    const issues = zodIssues(env.error);
    throw new HttpError(400, 'invalid_batch', `invalid batch: ${summary(issues)}`, issues);
  }
  const items = env.data.events;
  const out: ParsedEventInput[] = new Array<ParsedEventInput>(items.length);
  const issues: ErrorIssue[] = [];
  const badIndexes: number[] = [];
  for (let i = 0; i < items.length; i++) {
    const r = EventInputSchema.safeParse(items[i]);
    if (r.success) out[i] = r.data;
    else {
      badIndexes.push(i);
      issues.push(...zodIssues(r.error, ['events', i]));
    }
  }
  if (badIndexes.length > 0) {
    const shown = badIndexes.slice(0, 20).join(', ') + (badIndexes.length > 20 ? `, … (${badIndexes.length} in all)` : '');
    throw new HttpError(400, 'invalid_batch', `nothing stored: invalid event(s) at index ${shown}: ${summary(issues)}`, issues.slice(0, 1000));
  }
  return out;
}

function summary(issues: ErrorIssue[]): string {
  const head = issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`);
  return head.join('; ') + (issues.length > 5 ? `; and ${issues.length - 5} more` : '');
}

export function normalize(items: readonly ParsedEventInput[], now: number): NormalizedEvent[] {
  return items.map((e) => ({ ...e, ts: normalizeTimestamp(e.ts, now) }));
}

export class Ingestor {
  constructor(
    private readonly store: EventStore,
    private readonly ingested: Counter,
    private readonly clock: () => number = Date.now,
    private readonly history: HistorySink | null = null,
  ) {}

  /** Stores already-validated events; resolves to how many were stored. Rejects with StoreUnavailableError.
   * With a history, the batch is written (or spooled) there before the promise resolves, so a 202 means
   * the history will have it. */
  async ingest(items: readonly ParsedEventInput[]): Promise<number> {
    if (items.length === 0) return 0;
    this.history?.assertCanAccept(items.length);
    const normalized = normalize(items, this.clock());
    const first = await this.store.append(normalized);
    if (this.history) await this.history.append(normalized.map((e, i) => ({ seq: first + i, event: { id: String(first + i), ...e } })));
    const byType = new Map<string, number>();
    for (const e of normalized) byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
    for (const [type, n] of byType) this.ingested.inc({ type }, n);
    return normalized.length;
  }
}
