// Queries answered from the per-minute rollups: the whole minutes of the window come from the rollup
// partials (count, sum, sum of squares, min, max, sketch), the partial minutes at its two edges from raw
// rows folded in the same way, so a 24 h percentile never scans a day of raw rows. Counts, sums, rates,
// min, max and avg are exact; percentiles are within the sketch's relative accuracy (0.5 %); stddev comes
// from the sum of squares (exact up to floating-point cancellation).
// A query qualifies when it filters and groups only on the type's rollup dimensions (columns.ts), reads
// only the type's numeric fields, and its interval (if any) is whole minutes.
import type { Pool } from 'pg';
import type { AnalyticsEvent } from '../../../shared/src/events';
import { parseDuration, type Filter, type Query, type QueryResult, type Row } from '../../../shared/src/query';
import { planAggregations } from '../analytics/aggregate';
import { decodeCursor, queryHash, type CursorKey } from '../analytics/cursor';
import { col, numericFields, ROLLUP_DIMS } from './columns';
import { bucketsOf, pageOf } from './page';
import { MINUTE_MS } from './partitions';
import { buildRollups } from './rollup-build';
import { QuantileSketch } from './sketch';
import { SqlParams, stringFilterSql } from './sql-filters';
import { queryWindow } from './window';

/** Concurrent reads of a long window's rollups (the pool holds 8 connections). */
const ROLLUP_SLICES = 3;

export function rollupEligible(q: Query): boolean {
  const dims = ROLLUP_DIMS[q.type];
  const nums = numericFields(q.type);
  if (q.interval && (parseDuration(q.interval) as number) % MINUTE_MS !== 0) return false;
  if (!q.filters.every((f) => dims.includes(f.field) && f.op !== 'gt' && f.op !== 'gte' && f.op !== 'lt' && f.op !== 'lte')) return false;
  if (!q.groupBy.every((g) => dims.includes(g))) return false;
  return q.aggregations.every((a) => a.field === undefined || nums.includes(a.field));
}

/** The engine's filter semantics on a dimension value (null = absent). */
function dimMatches(f: Filter, v: string | null): boolean {
  const values = (Array.isArray(f.value) ? f.value : [f.value]).map(String);
  const first = values[0] as string;
  if (v === null) return f.op === 'ne';
  switch (f.op) {
    case 'eq':
      return v === first;
    case 'ne':
      return v !== first;
    case 'in':
      return values.includes(v);
    case 'contains':
      return v.includes(first);
    default:
      return false;
  }
}

interface FieldAcc {
  n: number;
  sum: number;
  sumsq: number;
  min: number;
  max: number;
  sketch: QuantileSketch | null;
}

interface GroupAcc {
  dims: (string | null)[];
  bucket: number;
  rows: number;
  fields: Map<string, FieldAcc>;
}

export interface RollupQueryContext {
  pool: Pool;
  schema: string;
  now: number;
  retentionMs: number;
  anomalyThreshold: number;
  /** Signs and checks cursors, as the engines do (analytics/cursor.ts). */
  cursorKey: CursorKey;
}

export async function rollupQuery(ctx: RollupQueryContext, q: Query): Promise<QueryResult> {
  const started = performance.now();
  const w = queryWindow(q, ctx.now, ctx.retentionMs);
  const offset = q.cursor ? decodeCursor(q.cursor, queryHash(q), ctx.cursorKey).offset : 0;
  const interval = q.interval ? (parseDuration(q.interval) as number) : null;
  const { firstBucket, nBuckets } = bucketsOf(w.from, w.to, interval, q);
  const plan = planAggregations(q.aggregations);
  const dimNames = ROLLUP_DIMS[q.type];
  const sketchFields = new Set(plan.fields.filter((_, k) => plan.keepValues[k]));
  const groups = new Map<string, GroupAcc>();
  let scanned = 0;

  // Which element of the rollup arrays each aggregated field is (a fixed list: never from the request).
  const typeNums = numericFields(q.type);
  const groupOf = (key: (string | null)[], bucket: number): GroupAcc => {
    const k = JSON.stringify([key, bucket]);
    let g = groups.get(k);
    if (!g) {
      g = { dims: key, bucket, rows: 0, fields: new Map() };
      groups.set(k, g);
    }
    return g;
  };
  const foldField = (g: GroupAcc, field: string, r: { n: number; sum: number; sumsq: number; min: number; max: number }, sketch: Uint8Array | QuantileSketch | null) => {
    if (r.n === 0) return;
    let a = g.fields.get(field);
    if (!a) {
      a = { n: 0, sum: 0, sumsq: 0, min: Infinity, max: -Infinity, sketch: sketchFields.has(field) ? new QuantileSketch() : null };
      g.fields.set(field, a);
    }
    a.n += r.n;
    a.sum += r.sum;
    a.sumsq += r.sumsq;
    if (r.min < a.min) a.min = r.min;
    if (r.max > a.max) a.max = r.max;
    if (a.sketch && sketch) {
      if (sketch instanceof QuantileSketch) a.sketch.merge(sketch);
      else a.sketch.mergeEncoded(sketch);
    }
  };

  if (w.from < w.to) {
    const mFrom = Math.ceil(w.from / MINUTE_MS);
    const mTo = Math.max(mFrom, Math.floor(w.to / MINUTE_MS));
    // Whole minutes: aggregated by the database per bucket and group; a group's sketches come back
    // concatenated (string_agg), so one row per bucket x group crosses the wire.
    const p = new SqlParams();
    const dimCol = (name: string) => `d${dimNames.indexOf(name)}`;
    const bucketSql = interval ? `floor(minute * ${MINUTE_MS}::float8 / ${p.add(interval)}::float8)` : '0';
    const keyCols = q.groupBy.map(dimCol);
    const typeSql = `type = ${p.add(q.type)}`;
    const fromAt = p.values.length;
    const where = [typeSql, `minute >= ${p.add(mFrom)}`, `minute < ${p.add(mTo)}`];
    for (const f of q.filters) where.push(stringFilterSql(dimCol(f.field), f, p)); // d0..d2, never from the request
    const fieldSql = plan.fields.map((f) => {
      const k = typeNums.indexOf(f) + 1; // PostgreSQL arrays are 1-based
      return `sum(n[${k}]), sum(sum[${k}]), sum(sumsq[${k}]), min(CASE WHEN n[${k}] > 0 THEN min[${k}] END), max(CASE WHEN n[${k}] > 0 THEN max[${k}] END)${sketchFields.has(f) ? `, string_agg(sketch[${k}], ''::bytea)` : ''}`;
    });
    // The partial minutes at both edges come from raw rows; both reads run at once (two connections).
    const edgeCols = [...dimNames, ...typeNums];
    // Whole 5-minute spans come from the 5-minute level when the buckets are whole spans (no interval,
    // or a multiple of 5 minutes); the minutes around them, and every minute otherwise, from the
    // per-minute level. Long ranges are read in ROLLUP_SLICES slices at once on separate connections:
    // PostgreSQL aggregates each in its own backend, and the groups of all reads add up in fold.
    const sqlFor = (table: string) =>
      `SELECT ${[bucketSql, ...keyCols, 'sum(rows)', ...fieldSql].join(', ')}
       FROM "${ctx.schema}".${table} WHERE ${where.join(' AND ')} GROUP BY ${['1', ...keyCols].join(', ')}`;
    const spans = !interval || interval % (5 * MINUTE_MS) === 0;
    const c0 = spans ? Math.ceil(mFrom / 5) * 5 : mTo;
    const c1 = spans ? Math.max(c0, Math.floor(mTo / 5) * 5) : mTo;
    const ranges: { table: 'rollups' | 'rollups_5m'; from: number; to: number }[] =
      c0 < c1
        ? [
            { table: 'rollups', from: mFrom, to: c0 },
            { table: 'rollups_5m', from: c0, to: c1 },
            { table: 'rollups', from: c1, to: mTo },
          ]
        : [{ table: 'rollups', from: mFrom, to: mTo }];
    const sliceReads = ranges
      .filter((rg) => rg.from < rg.to)
      .flatMap((rg) => {
        const slices = Math.max(1, Math.min(ROLLUP_SLICES, Math.floor((rg.to - rg.from) / 60)));
        return Array.from({ length: slices }, (_, k) => {
          const values = [...p.values];
          const step = rg.table === 'rollups_5m' ? 5 : 1;
          values[fromAt] = rg.from + Math.floor(((rg.to - rg.from) / step) * k / slices) * step;
          values[fromAt + 1] = k === slices - 1 ? rg.to : rg.from + Math.floor(((rg.to - rg.from) / step) * (k + 1) / slices) * step;
          return ctx.pool.query<unknown[]>({ text: sqlFor(rg.table), values, rowMode: 'array' });
        });
      });
    const [edges, ...sliceResults] = await Promise.all([
      ctx.pool.query<unknown[]>({
        text: `SELECT ts, ${edgeCols.map(col).join(', ')} FROM "${ctx.schema}".events
               WHERE type = $1 AND ((ts >= $2::float8 AND ts < $3::float8) OR (ts >= $4::float8 AND ts < $5::float8))`,
        values: [q.type, w.from, Math.min(mFrom * MINUTE_MS, w.to), Math.max(mTo * MINUTE_MS, mFrom * MINUTE_MS, w.from), w.to],
        rowMode: 'array',
      }),
      ...sliceReads,
    ]);
    const nk = keyCols.length;
    for (const row of sliceResults.flatMap((r) => r.rows)) {
      const g = groupOf(row.slice(1, 1 + nk) as (string | null)[], Number(row[0]));
      const rows = Number(row[1 + nk]);
      g.rows += rows;
      scanned += rows;
      let at = 2 + nk;
      for (const f of plan.fields) {
        const hasSketch = sketchFields.has(f);
        foldField(
          g,
          f,
          {
            n: Number(row[at] ?? 0),
            sum: Number(row[at + 1] ?? 0),
            sumsq: Number(row[at + 2] ?? 0),
            min: (row[at + 3] as number | null) ?? Infinity,
            max: (row[at + 4] as number | null) ?? -Infinity,
          },
          hasSketch ? ((row[at + 5] as Buffer | null) ?? null) : null,
        );
        at += hasSketch ? 6 : 5;
      }
    }
    // Fold the edges' raw rows in as rollups of their own.
    const events = edges.rows.map((row) => {
      const ev: Record<string, unknown> = { type: q.type, ts: row[0] };
      edgeCols.forEach((c, k) => {
        if (row[k + 1] !== null) ev[c] = row[k + 1];
      });
      return ev as unknown as AnalyticsEvent;
    });
    for (const rr of buildRollups(events)) {
      if (!q.filters.every((f) => dimMatches(f, rr.dims[dimNames.indexOf(f.field)] ?? null))) continue;
      const g = groupOf(
        q.groupBy.map((name) => rr.dims[dimNames.indexOf(name)] ?? null),
        interval ? Math.floor((rr.minute * MINUTE_MS) / interval) : 0,
      );
      g.rows += rr.rows;
      scanned += rr.rows;
      for (const f of plan.fields) {
        const st = rr.fields[typeNums.indexOf(f)];
        if (st) foldField(g, f, st, st.sketch);
      }
    }
  }

  const seconds = (bucket: number): number => {
    if (!interval) return (w.to - w.from) / 1000;
    const start = Math.max(w.from, bucket * interval);
    const end = Math.min(w.to, bucket * interval + interval);
    return (end - start) / 1000;
  };
  const rows: Row[] = [];
  for (const g of groups.values()) {
    if (g.rows === 0) continue;
    const row: Row = {};
    q.groupBy.forEach((name, k) => (row[name] = g.dims[k] ?? null));
    if (interval) row.bucket = g.bucket * interval;
    for (const a of plan.aggs) {
      const fa = a.field < 0 ? null : (g.fields.get(plan.fields[a.field] as string) ?? null);
      const n = a.field < 0 ? g.rows : (fa?.n ?? 0);
      const sum = a.field < 0 ? g.rows : (fa?.sum ?? 0);
      switch (a.fn) {
        case 'count':
          row[a.alias] = n;
          break;
        case 'sum':
          row[a.alias] = sum;
          break;
        case 'rate':
          row[a.alias] = sum / seconds(g.bucket);
          break;
        case 'avg':
          row[a.alias] = n === 0 ? null : sum / n;
          break;
        case 'min':
          row[a.alias] = n === 0 ? null : (fa as FieldAcc).min;
          break;
        case 'max':
          row[a.alias] = n === 0 ? null : (fa as FieldAcc).max;
          break;
        case 'stddev': {
          if (n === 0) row[a.alias] = null;
          else {
            const mean = sum / n;
            row[a.alias] = Math.sqrt(Math.max(0, (fa as FieldAcc).sumsq / n - mean * mean));
          }
          break;
        }
        case 'percentile':
          row[a.alias] = n === 0 ? null : ((fa as FieldAcc).sketch?.percentile(a.p) ?? null);
          break;
      }
    }
    rows.push(row);
  }
  return pageOf({ q, rows, plan, from: w.from, to: w.to, offset, interval, firstBucket, nBuckets, anomalyThreshold: ctx.anomalyThreshold, scanned, started, cursorKey: ctx.cursorKey });
}
