// The analytics engine: one columnar table per event type, fed by the store's subscription (so on Redis
// it holds what every instance ingested), trimmed continuously to the retention, queried with the DSL.
import { EVENT_TYPES, type EventType } from '../../../shared/src/events';
import type { Query, QueryResult } from '../../../shared/src/query';
import type { StoredEvent } from '../store/types';
import { ColumnarTable, type TagCaps } from './columnar-table';
import { assertTagsFit, type TaggedItem } from './tag-caps';
import { QueryBudget, QueryGate } from './budget';
import { cursorKey, type CursorKey } from './cursor';
import { executeQuery } from './dsl-execute';

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
}

export class AnalyticsEngine {
  private readonly tables = new Map<EventType, ColumnarTable>();
  private latestSeq = 0;
  private readonly clock: () => number;
  private readonly cursorKey: CursorKey;
  private readonly gate = new QueryGate(2);

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
