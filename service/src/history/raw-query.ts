// Queries on raw rows: the rows the query can match (type, window, filters - all in SQL, parameters
// only) are read from the hourly partitions, in id order, into a private in-memory engine, which then
// answers exactly as the shared engine does (same grouping, aggregation, ordering, cursors, series):
// where both can answer, they answer the same by construction. For short ranges and filters on raw
// fields; long ranges go through the rollups (rollup-query.ts).
import type { Pool } from 'pg';
import type { AnalyticsEvent } from '../../../shared/src/events';
import { fieldKind, type Query, type QueryResult } from '../../../shared/src/query';
import { AnalyticsEngine, type AnalyticsOptions } from '../analytics/engine';
import { HttpError } from '../http/errors';
import type { StoredEvent } from '../store/types';
import { col } from './columns';
import { filterSql, SqlParams } from './sql-filters';
import { queryWindow } from './window';

export interface RawQueryContext {
  pool: Pool;
  schema: string;
  /** The shared engine's options (retention, anomaly threshold, cursor key where there is one). */
  engineOptions: AnalyticsOptions;
  now: number;
  /** Rows one query may read; past it the query is refused (400) rather than fill the memory. */
  maxRows: number;
}

/** The plain columns a query reads: its filters, group-by and aggregation fields (tags apart). */
function neededColumns(q: Query): { columns: string[]; tags: boolean } {
  const fields = new Set<string>();
  let tags = false;
  const need = (f: string | undefined) => {
    if (!f || f === 'ts') return;
    if (f.startsWith('tags.')) tags = true;
    else if (fieldKind(q.type, f)) fields.add(f);
  };
  q.filters.forEach((f) => need(f.field));
  q.groupBy.forEach(need);
  q.aggregations.forEach((a) => need(a.field));
  return { columns: [...fields], tags };
}

export async function rawQuery(ctx: RawQueryContext, q: Query): Promise<QueryResult> {
  const w = queryWindow(q, ctx.now, ctx.engineOptions.retentionMs);
  const now = ctx.now;
  // The rows are the query's own: no budget, and no tag cap could drop what the history holds.
  const opts: AnalyticsOptions = { ...ctx.engineOptions, clock: () => now, tagCaps: { maxTagNames: Number.MAX_SAFE_INTEGER, maxTagValues: Number.MAX_SAFE_INTEGER } };
  delete opts.memoryBudgetBytes;
  const engine = new AnalyticsEngine(opts);
  if (w.from < w.to) {
    const p = new SqlParams();
    const where = [`type = ${p.add(q.type)}`, `ts >= ${p.add(w.from)}::float8`, `ts < ${p.add(w.to)}::float8`];
    if (w.maxSeq !== null) where.push(`seq <= ${p.add(w.maxSeq)}`);
    for (const f of q.filters) where.push(filterSql(q.type, f, p));
    const { columns, tags } = neededColumns(q);
    const select = ['ts', 'seq', ...columns.map(col), ...(tags ? ['tags'] : [])].join(', ');
    const sql = `SELECT ${select} FROM "${ctx.schema}".events WHERE ${where.join(' AND ')} ORDER BY seq LIMIT ${ctx.maxRows + 1}`;
    const r = await ctx.pool.query<unknown[]>({ text: sql, values: p.values, rowMode: 'array' });
    if (r.rows.length > ctx.maxRows) {
      throw new HttpError(400, 'query_too_large', `the query reads more than ${ctx.maxRows} raw events from the history`, [
        { path: 'range', message: 'too many raw events: use a shorter range, or filter and group only on the rollup fields (docs/service.md) so that rollups answer' },
      ]);
    }
    const batch: StoredEvent[] = new Array<StoredEvent>(r.rows.length);
    for (let i = 0; i < r.rows.length; i++) {
      const row = r.rows[i] as unknown[];
      const seq = Number(row[1]);
      const ev: Record<string, unknown> = { type: q.type, ts: row[0], id: String(seq) };
      columns.forEach((c, k) => {
        const v = row[2 + k];
        if (v !== null && v !== undefined) ev[c] = v;
      });
      if (tags) {
        const t = row[2 + columns.length];
        if (t) ev.tags = t;
      }
      batch[i] = { seq, event: ev as unknown as AnalyticsEvent, json: '', arrived: now };
    }
    engine.ingest(batch);
  }
  return Promise.resolve(engine.query(q));
}
