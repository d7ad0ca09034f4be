// Executes a parsed DSL query (shared/src/query.ts) against one columnar table: resolve the range, scan
// the chunks once (time range, id bound, filters), group rows by composite key and time bucket,
// aggregate, order, page; with an interval also build the time series and their analyses.
// It runs in slices under a time budget (budget.ts): the event loop gets control back every few
// milliseconds, and a query past M1_QUERY_TIMEOUT_MS is stopped. What cannot fit is refused as early as
// it is known: too many buckets before the scan, too many groups during it, too many series points
// right after it.
import { MAX_BUCKETS, instantMs, parseDuration, type Query, type QueryResult, type Row, type RowValue } from '../../../shared/src/query';
import { HttpError } from '../http/errors';
import { Accumulators, planAggregations } from './aggregate';
import { sortSliced, type QueryBudget } from './budget';
import type { ColumnarTable } from './columnar-table';
import { decodeCursor, encodeCursor, queryHash, type CursorKey } from './cursor';
import { chunkPredicate, compileFilter } from './filters';
import { GroupIndex, dimensions } from './group-keys';
import { buildSeries, MAX_SERIES_POINTS } from './series';

export interface ExecuteContext {
  now: number;
  retentionMs: number;
  /** The newest event id the engine holds: the first page pins it so later pages see the same rows. */
  latestSeq: number;
  anomalyThreshold: number;
  /** M1_QUERY_TIMEOUT_MS, started when the query arrived. */
  budget: QueryBudget;
  /** Signs and checks cursors. */
  cursorKey: CursorKey;
}

/** Result rows (group × bucket) one query may build; past it the query is refused while it scans. */
export const MAX_GROUPS = 100_000;

function tooLarge(message: string, path: string, detail: string): HttpError {
  return new HttpError(400, 'query_too_large', message, [{ path, message: detail }]);
}

interface Window {
  from: number;
  to: number;
  maxSeq: number;
  offset: number;
}

/** [from, to) in epoch ms: a duration ends now (inclusive), and nothing older than retention is kept. */
function resolveWindow(q: Query, ctx: ExecuteContext, hash: string): Window {
  if (q.cursor) {
    const c = decodeCursor(q.cursor, hash, ctx.cursorKey);
    // A cursor never reaches behind the retention, however old it is.
    return { from: Math.max(c.from, ctx.now - ctx.retentionMs), to: c.to, maxSeq: c.maxSeq, offset: c.offset };
  }
  let from: number;
  let to: number;
  if (typeof q.range === 'string') {
    to = ctx.now + 1;
    from = to - 1 - (parseDuration(q.range) ?? 0);
  } else {
    from = instantMs(q.range.from);
    to = q.range.to === undefined ? ctx.now + 1 : instantMs(q.range.to);
  }
  return { from: Math.max(from, ctx.now - ctx.retentionMs), to, maxSeq: ctx.latestSeq, offset: 0 };
}

function compareValues(a: RowValue | undefined, b: RowValue | undefined): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1; // nulls last (ascending)
  if (b === null || b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : 1;
}

export async function executeQuery(table: ColumnarTable, q: Query, ctx: ExecuteContext): Promise<QueryResult> {
  const started = performance.now();
  const budget = ctx.budget;
  const hash = queryHash(q);
  const w = resolveWindow(q, ctx, hash);
  const interval = q.interval ? (parseDuration(q.interval) as number) : null;
  const firstBucket = interval ? Math.floor(w.from / interval) : 0;
  const nBuckets = interval ? Math.max(1, Math.floor((w.to - 1) / interval) - firstBucket + 1) : 1;
  if (nBuckets > MAX_BUCKETS) {
    throw tooLarge(`the range holds ${nBuckets} buckets of ${q.interval}; at most ${MAX_BUCKETS}`, 'interval', `too many buckets (${nBuckets}); use a larger interval or a shorter range`);
  }
  const plannedAggs = q.aggregations.length;
  if (interval && q.groupBy.length === 0 && nBuckets * plannedAggs > MAX_SERIES_POINTS) {
    throw tooLarge(`the series would hold ${nBuckets * plannedAggs} points; at most ${MAX_SERIES_POINTS}`, 'interval', 'too many series points: use a larger interval or a shorter range');
  }

  const filters = q.filters.map((f) => compileFilter(table, f));
  const dims = dimensions(table, q.groupBy);
  const index = new GroupIndex(dims, nBuckets);
  const plan = planAggregations(q.aggregations);
  const acc = new Accumulators(plan);
  const codes = new Array<number>(dims.length).fill(0);
  let scanned = 0;

  if (w.from < w.to) {
    // A copy: retention may drop chunks from the head while this query is suspended between slices.
    for (const chunk of table.chunks.slice()) {
      if (budget.due()) await budget.pause();
      scanned += chunk.length - chunk.start;
      const pred = chunkPredicate(filters, chunk);
      const readers = dims.map((d) => d.reader(chunk));
      const cols = plan.fields.map((f) => (f === 'ts' ? chunk.ts : chunk.num.get(f)));
      const { ts, seq } = chunk;
      const end = chunk.length; // rows appended while this query waits are newer than w.maxSeq anyway
      for (let i = chunk.start; i < end; i++) {
        if ((i & 1023) === 0 && budget.due()) await budget.pause();
        const t = ts[i] as number;
        if (t < w.from || t >= w.to || (seq[i] as number) > w.maxSeq) continue;
        if (pred && !pred(i)) continue;
        for (let d = 0; d < readers.length; d++) codes[d] = (readers[d] as (i: number) => number)(i);
        const bucket = interval ? Math.floor(t / interval) - firstBucket : 0;
        const before = index.size;
        const g = index.idOf(codes, bucket);
        if (index.size !== before) {
          if (index.size > MAX_GROUPS) {
            throw tooLarge(`the query makes more than ${MAX_GROUPS} groups (group × bucket)`, 'groupBy', 'too many groups: filter more, group by fewer fields or use a larger interval');
          }
          acc.addGroup();
        }
        acc.addRow(g);
        for (let f = 0; f < cols.length; f++) {
          const col = cols[f];
          if (!col) continue;
          const v = col[i] as number;
          if (v === v) acc.addValue(f, g, v);
        }
      }
    }
  }

  const seconds = (g: number): number => {
    if (!interval) return (w.to - w.from) / 1000;
    const bucketStart = (firstBucket + (index.buckets[g] as number)) * interval;
    const start = Math.max(w.from, bucketStart);
    const end = Math.min(w.to, bucketStart + interval);
    return (end - start) / 1000;
  };

  if (interval) {
    const combos = new Set<string>();
    for (let g = 0; g < index.size; g++) {
      if ((g & 4095) === 0 && budget.due()) await budget.pause();
      combos.add(index.dimCodes.map((c) => c[g]).join(','));
    }
    const points = Math.max(1, combos.size) * plan.aggs.length * nBuckets;
    if (points > MAX_SERIES_POINTS) {
      throw tooLarge(`the series would hold ${points} points; at most ${MAX_SERIES_POINTS}`, 'interval', 'too many series points: group by fewer fields, use a larger interval or a shorter range');
    }
  }

  const rows: Row[] = new Array<Row>(index.size);
  for (let g = 0; g < index.size; g++) {
    if ((g & 1023) === 0 && budget.due()) await budget.pause();
    // No prototype: an alias like "__proto__" is an ordinary key of the row.
    const row = Object.create(null) as Row;
    dims.forEach((d, k) => {
      row[d.name] = d.decode((index.dimCodes[k] as number[])[g] as number);
    });
    if (interval) row.bucket = (firstBucket + (index.buckets[g] as number)) * interval;
    for (const a of plan.aggs) row[a.alias] = acc.value(a, g, seconds(g));
    rows[g] = row;
  }

  const orders = q.orderBy === undefined ? [] : Array.isArray(q.orderBy) ? q.orderBy : [q.orderBy];
  const keys = [...orders.map((o) => ({ field: o.field, sign: o.dir === 'desc' ? -1 : 1 })), ...q.groupBy.map((f) => ({ field: f, sign: 1 }))];
  if (interval) keys.push({ field: 'bucket', sign: 1 });
  const sorted = await sortSliced(
    rows,
    (a, b) => {
      for (const k of keys) {
        const c = compareValues(a[k.field], b[k.field]);
        if (c !== 0) return c * k.sign;
      }
      return 0;
    },
    budget,
  );

  const page = sorted.slice(w.offset, w.offset + q.limit);
  const next = w.offset + q.limit < sorted.length;
  const result: QueryResult = {
    rows: page,
    nextCursor: next ? encodeCursor({ v: 1, offset: w.offset + q.limit, from: w.from, to: w.to, maxSeq: w.maxSeq, hash }, ctx.cursorKey) : null,
    stats: { scanned, tookMs: 0 },
  };
  if (interval) {
    if (budget.due()) await budget.pause();
    result.series = buildSeries({ q, rows: sorted, plan, nBuckets, firstBucket, interval, anomalyThreshold: ctx.anomalyThreshold });
  }
  result.stats.tookMs = Math.round((performance.now() - started) * 1000) / 1000;
  return result;
}
