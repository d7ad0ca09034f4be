// Ordering, paging and series of grouped rows, as the in-memory engine does them (dsl-execute.ts):
// rows ordered by orderBy then the groupBy fields then the bucket, nulls last; a page of `limit` rows
// and a cursor to the next; with an interval, one series per group and aggregation.
import { MAX_BUCKETS, type Query, type QueryResult, type Row, type RowValue } from '../../../shared/src/query';
import type { AggPlan } from '../analytics/aggregate';
import { encodeCursor, queryHash, type CursorKey } from '../analytics/cursor';
import { buildSeries, MAX_SERIES_POINTS } from '../analytics/series';
import { HttpError } from '../http/errors';

function compareValues(a: RowValue | undefined, b: RowValue | undefined): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : 1;
}

export function bucketsOf(from: number, to: number, interval: number | null, q: Query): { firstBucket: number; nBuckets: number } {
  const firstBucket = interval ? Math.floor(from / interval) : 0;
  const nBuckets = interval ? Math.max(1, Math.floor((to - 1) / interval) - firstBucket + 1) : 1;
  if (nBuckets > MAX_BUCKETS) {
    throw new HttpError(400, 'query_too_large', `the range holds ${nBuckets} buckets of ${q.interval}; at most ${MAX_BUCKETS}`, [
      { path: 'interval', message: `too many buckets (${nBuckets}); use a larger interval or a shorter range` },
    ]);
  }
  return { firstBucket, nBuckets };
}

export interface PageInput {
  q: Query;
  rows: Row[];
  plan: AggPlan;
  from: number;
  to: number;
  offset: number;
  interval: number | null;
  firstBucket: number;
  nBuckets: number;
  anomalyThreshold: number;
  scanned: number;
  started: number;
  cursorKey: CursorKey;
}

export function pageOf(p: PageInput): QueryResult {
  const { q, rows } = p;
  const orders = q.orderBy === undefined ? [] : Array.isArray(q.orderBy) ? q.orderBy : [q.orderBy];
  const keys = [...orders.map((o) => ({ field: o.field, sign: o.dir === 'desc' ? -1 : 1 })), ...q.groupBy.map((f) => ({ field: f, sign: 1 }))];
  if (p.interval) keys.push({ field: 'bucket', sign: 1 });
  rows.sort((a, b) => {
    for (const k of keys) {
      const c = compareValues(a[k.field], b[k.field]);
      if (c !== 0) return c * k.sign;
    }
    return 0;
  });
  const page = rows.slice(p.offset, p.offset + q.limit);
  const next = p.offset + q.limit < rows.length;
  const result: QueryResult = {
    rows: page,
    nextCursor: next ? encodeCursor({ v: 1, offset: p.offset + q.limit, from: p.from, to: p.to, maxSeq: 0, hash: queryHash(q) }, p.cursorKey) : null,
    stats: { scanned: p.scanned, tookMs: 0 },
  };
  if (p.interval) {
    const groups = new Set(q.groupBy.length === 0 ? [''] : rows.map((r) => JSON.stringify(q.groupBy.map((f) => r[f])))).size;
    const points = groups * p.plan.aggs.length * p.nBuckets;
    if (points > MAX_SERIES_POINTS) {
      throw new HttpError(400, 'query_too_large', `the series would hold ${points} points; at most ${MAX_SERIES_POINTS}`, [
        { path: 'interval', message: 'too many series points: group by fewer fields, use a larger interval or a shorter range' },
      ]);
    }
    result.series = buildSeries({ q, rows, plan: p.plan, nBuckets: p.nBuckets, firstBucket: p.firstBucket, interval: p.interval, anomalyThreshold: p.anomalyThreshold });
  }
  result.stats.tookMs = Math.round((performance.now() - p.started) * 1000) / 1000;
  return result;
}
