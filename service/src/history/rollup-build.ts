// Per-minute rollups computed in Node from a batch of events: one row per (minute, type, dimension
// values) with the row count and, per numeric field of the type (in numericFields order), n, sum, sum
// of squares, min, max and a quantile sketch. Batches write their own rows (partials); a query adds the
// partials of a minute up, which is exact for the counts and sums and exact up to the sketch for
// percentiles (sketches merge losslessly). Partials never need a read-modify-write, so instances never
// race on them.
import type { AnalyticsEvent, EventType } from '../../../shared/src/events';
import { numericFields, ROLLUP_DIMS } from './columns';
import { MINUTE_MS } from './partitions';
import { QuantileSketch } from './sketch';

export interface FieldStats {
  n: number;
  sum: number;
  sumsq: number;
  min: number;
  max: number;
  sketch: QuantileSketch;
}

export interface RollupRow {
  minute: number;
  type: EventType;
  dims: (string | null)[];
  rows: number;
  /** Per numeric field of the type, in numericFields(type) order. */
  fields: FieldStats[];
}

export function emptyStats(): FieldStats {
  return { n: 0, sum: 0, sumsq: 0, min: Infinity, max: -Infinity, sketch: new QuantileSketch() };
}

export function addValue(f: FieldStats, v: number): void {
  f.n++;
  f.sum += v;
  f.sumsq += v * v;
  if (v < f.min) f.min = v;
  if (v > f.max) f.max = v;
  f.sketch.add(v);
}

export function buildRollups(events: Iterable<AnalyticsEvent>): RollupRow[] {
  const groups = new Map<string, RollupRow>();
  for (const e of events) {
    const rec = e as unknown as Record<string, unknown>;
    const minute = Math.floor(e.ts / MINUTE_MS);
    const dims = ROLLUP_DIMS[e.type].map((d) => (typeof rec[d] === 'string' ? rec[d] : null));
    const key = JSON.stringify([minute, e.type, dims]);
    const nums = numericFields(e.type);
    let g = groups.get(key);
    if (!g) {
      g = { minute, type: e.type, dims, rows: 0, fields: nums.map(emptyStats) };
      groups.set(key, g);
    }
    g.rows++;
    nums.forEach((f, k) => {
      const v = rec[f];
      if (typeof v === 'number') addValue(g.fields[k] as FieldStats, v);
    });
  }
  return [...groups.values()];
}

/** The same partials merged per `span` minutes (the row's `minute` becomes the span's first minute):
 * the 5-minute level that long-range queries read. Sketches merge losslessly, sums add. */
export function coarsen(rows: readonly RollupRow[], span: number): RollupRow[] {
  const out = new Map<string, RollupRow>();
  for (const r of rows) {
    const minute = Math.floor(r.minute / span) * span;
    const key = JSON.stringify([minute, r.type, r.dims]);
    let c = out.get(key);
    if (!c) {
      c = { minute, type: r.type, dims: r.dims, rows: 0, fields: r.fields.map(emptyStats) };
      out.set(key, c);
    }
    c.rows += r.rows;
    r.fields.forEach((f, k) => mergeStats(c.fields[k] as FieldStats, f));
  }
  return [...out.values()];
}

export function mergeStats(into: FieldStats, f: FieldStats): void {
  if (f.n === 0) return;
  into.n += f.n;
  into.sum += f.sum;
  into.sumsq += f.sumsq;
  if (f.min < into.min) into.min = f.min;
  if (f.max > into.max) into.max = f.max;
  into.sketch.merge(f.sketch);
}
