// The analytics engine: one columnar table per event type, fed by the store's subscription (so on Redis
// it holds what every instance ingested), trimmed continuously to the retention, queried with the DSL.
import { EVENT_TYPES, type EventType } from '../../../shared/src/events';
import type { Coverage, Query, QueryResult } from '../../../shared/src/query';
import type { StoredEvent } from '../store/types';
import { ColumnarTable, type TagCaps } from './columnar-table';
import { assertTagsFit, type TaggedItem } from './tag-caps';
import { QueryBudget, QueryGate } from './budget';
import { cursorKey, type CursorKey } from './cursor';
import { executeQuery } from './dsl-execute';
import { enforceBudget, tableBytes } from './memory';

export interface AnalyticsOptions {
  retentionMs: number;
  anomalyZThreshold: number;
  clock?: () => number;
  /** Distinct tag names per type and values per tag name; defaults 64 and 10,000. */
  tagCaps?: TagCaps;
  /** M1_QUERY_TIMEOUT_MS; default 5,000. */
  queryTimeoutMs?: number;
  /** Signs cursors; default a random per-process key. */
  cursorKey?: CursorKey;
  /** M1_ANALYTICS_MEMORY_MB in bytes: past it the oldest chunks are evicted (memory.ts). Absent: no bound. */
  memoryBudgetBytes?: number;
}


const BUDGET_CHECK_ROWS = 1024;

export class AnalyticsEngine {
  private readonly tables = new Map<EventType, ColumnarTable>();
  private latestSeq = 0;
  private readonly clock: () => number;
  private readonly cursorKey: CursorKey;
  private readonly gate = new QueryGate(2);
  /** Bytes held by the tables after the last budget check. */
  memoryBytes = 0;
  /** Measuring walks every chunk: done when a chunk was added, or every BUDGET_CHECK_ROWS rows (tags and
   * dictionaries grow between chunks), not on every batch. */
  private rowsSinceCheck = 0;
  private chunksAtCheck = 0;

  constructor(private readonly opts: AnalyticsOptions) {
    this.clock = opts.clock ?? Date.now;
    this.cursorKey = opts.cursorKey ?? cursorKey(null);
    for (const t of EVENT_TYPES) this.tables.set(t, new ColumnarTable(t, opts.tagCaps));
  }

  /** Throws a 400 when the items would take a type past its tag caps (nothing is stored then). */
  assertTagsFit(items: readonly TaggedItem[]): void {
    assertTagsFit((t) => this.table(t), items);
  }

  /** Tags not stored because of the caps (events that came in through the store, not this door). */
  get droppedTags(): number {
    let n = 0;
    for (const t of this.tables.values()) n += t.droppedTags;
    return n;
  }

  table(type: EventType): ColumnarTable {
    return this.tables.get(type) as ColumnarTable;
  }

  get rowCount(): number {
    let n = 0;
    for (const t of this.tables.values()) n += t.rowCount;
    return n;
  }

  ingest(batch: readonly StoredEvent[]): void {
    const arrived = this.clock();
    for (const e of batch) {
      this.table(e.event.type).append(e.event, e.seq, e.arrived ?? arrived);
      if (e.seq > this.latestSeq) this.latestSeq = e.seq;
    }
    if (this.opts.memoryBudgetBytes !== undefined) this.checkBudget(this.opts.memoryBudgetBytes, batch.length);
  }

  private checkBudget(budget: number, added: number): void {
    this.rowsSinceCheck += added;
    let chunks = 0;
    for (const t of this.tables.values()) chunks += t.chunks.length;
    if (chunks === this.chunksAtCheck && this.rowsSinceCheck < BUDGET_CHECK_ROWS) return;
    this.memoryBytes = enforceBudget(this.tables.values(), budget);
    this.rowsSinceCheck = 0;
    this.chunksAtCheck = 0;
    for (const t of this.tables.values()) this.chunksAtCheck += t.chunks.length;
  }

  /** The window a query of `type` is complete for, when the memory budget made it shorter than the
   * retention; null when the engine holds the whole retention. */
  coverage(type: EventType): Coverage | null {
    const now = this.clock();
    const from = this.table(type).evictedBefore;
    return from > now - this.opts.retentionMs ? { from: Math.min(from, now), to: now } : null;
  }

  /** The engine lacks events stamped before `ts` that the retention would hold (the Redis stream was
   * trimmed before this instance read it, or its feed skipped ids): queries then carry the coverage. */
  markIncompleteBefore(ts: number): void {
    for (const t of this.tables.values()) if (ts > t.evictedBefore) t.evictedBefore = ts;
  }

  /** Bytes the tables hold now (measured at call time: retention trimming frees chunks too). */
  measureBytes(): number {
    let n = 0;
    for (const t of this.tables.values()) n += tableBytes(t);
    return n;
  }

  get evictedRows(): number {
    let n = 0;
    for (const t of this.tables.values()) n += t.evictedRows;
    return n;
  }

  /** Drops rows that arrived more than the retention ago. Rows are also filtered by `ts` at query time,
   * so an event stamped long ago never shows, however recently it arrived. */
  trim(): number {
    const cutoff = this.clock() - this.opts.retentionMs;
    let n = 0;
    for (const t of this.tables.values()) n += t.trimArrivedBefore(cutoff);
    return n;
  }

  /** Runs the query in slices under its time budget (rejects with a 503 HttpError past it), at most
   * two at once (the others wait their turn within their budget). */
  query(q: Query): Promise<QueryResult> {
    const budget = new QueryBudget(this.opts.queryTimeoutMs ?? 5000);
    return this.gate.run(budget, () => {
      this.trim();
      return executeQuery(this.table(q.type), q, {
        now: this.clock(),
        retentionMs: this.opts.retentionMs,
        latestSeq: this.latestSeq,
        anomalyThreshold: this.opts.anomalyZThreshold,
        budget,
        cursorKey: this.cursorKey,
      });
    });
  }
}
