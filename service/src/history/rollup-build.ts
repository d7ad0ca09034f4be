// Per-minute rollups computed in Node from a batch of events: one row per (minute, type, dimension
// values) with the row count (field ''), and one per numeric field with n, sum, sum of squares, min,
// max and a quantile sketch. Batches write their own rows (partials); a query adds the partials of a
// minute up, which is exact for the counts and sums and exact up to the sketch for percentiles (sketches
// merge losslessly). Partials never need a read-modify-write, so instances never race on them.
import type { AnalyticsEvent, EventType } from '../../../shared/src/events';
import { numericFields, ROLLUP_DIMS } from './columns';
import { MINUTE_MS } from './partitions';
import { QuantileSketch } from './sketch';

export interface RollupRow {
  minute: number;
  type: EventType;
  dims: (string | null)[];
  field: string;
  rows: number;
  n: number;
  sum: number;
  sumsq: number;
  min: number;
  max: number;
  sketch: QuantileSketch | null;
}

interface Group {
  minute: number;
  type: EventType;
  dims: (string | null)[];
  rows: number;
  fields: Map<string, RollupRow>;
}

export function buildRollups(events: Iterable<AnalyticsEvent>): RollupRow[] {
  const groups = new Map<string, Group>();
  for (const e of events) {
    const rec = e as unknown as Record<string, unknown>;
    const minute = Math.floor(e.ts / MINUTE_MS);
    const dims = ROLLUP_DIMS[e.type].map((d) => (typeof rec[d] === 'string' ? (rec[d]) : null));
    const key = JSON.stringify([minute, e.type, dims]);
    let g = groups.get(key);
    if (!g) {
      g = { minute, type: e.type, dims, rows: 0, fields: new Map() };
      groups.set(key, g);
    }
    g.rows++;
    for (const f of numericFields(e.type)) {
      const v = rec[f];
      if (typeof v !== 'number') continue;
      let r = g.fields.get(f);
      if (!r) {
        r = { minute, type: e.type, dims, field: f, rows: 0, n: 0, sum: 0, sumsq: 0, min: Infinity, max: -Infinity, sketch: new QuantileSketch() };
        g.fields.set(f, r);
      }
      r.n++;
      r.sum += v;
      r.sumsq += v * v;
      if (v < r.min) r.min = v;
      if (v > r.max) r.max = v;
      r.sketch?.add(v);
    }
  }
  const out: RollupRow[] = [];
  for (const g of groups.values()) {
    out.push({ minute: g.minute, type: g.type, dims: g.dims, field: '', rows: g.rows, n: 0, sum: 0, sumsq: 0, min: 0, max: 0, sketch: null });
    for (const r of g.fields.values()) out.push({ ...r, rows: g.rows });
  }
  return out;
}
