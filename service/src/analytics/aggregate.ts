// Per-group accumulators of the DSL's aggregation functions. One accumulator per distinct numeric field
// (count of present values, sum, min, max, Welford mean/M2 for a stable stddev) serves every function on
// that field; fields with a percentile also keep their values, laid out per group afterwards (counting
// sort) so that each group's values are sorted once for all its percentiles.
//
// Semantics (documented in docs/service.md):
// - count: rows in the group (with `field`: rows where the field is present).
// - sum: 0 when no value is present; avg/min/max/stddev/percentile: null then.
// - stddev: population standard deviation (numpy's default, ddof = 0).
// - rate: count (or, with `field`, sum) per second of the bucket's width within the range, or of the range.
// - percentile: linear interpolation (percentiles.ts); p50/p95/p99 are percentile with that p.
import { aggregationAlias, type Aggregation } from '../../../shared/src/query';
import { percentilesInPlace } from './percentiles';

export interface CompiledAgg {
  alias: string;
  fn: 'count' | 'sum' | 'avg' | 'min' | 'max' | 'stddev' | 'rate' | 'percentile';
  /** Index into the field accumulators; -1 for row counts. */
  field: number;
  p: number;
}

export interface AggPlan {
  aggs: CompiledAgg[];
  /** Distinct numeric fields the aggregations read. */
  fields: string[];
  /** Per field: whether its values are kept for percentiles. */
  keepValues: boolean[];
  /** Per field: the percentiles asked of it (all computed in one pass per group). */
  ps: number[][];
  /** Per field: whether sum/min/max/mean/M2 are needed (not for a field read only by percentiles). */
  stats: boolean[];
}

const SHORTHAND: Record<string, number> = { p50: 50, p95: 95, p99: 99 };

export function planAggregations(aggs: readonly Aggregation[]): AggPlan {
  const fields: string[] = [];
  const keepValues: boolean[] = [];
  const ps: number[][] = [];
  const stats: boolean[] = [];
  const out = aggs.map((a): CompiledAgg => {
    const short = SHORTHAND[a.fn];
    const fn = short !== undefined ? 'percentile' : (a.fn as CompiledAgg['fn']);
    let field = -1;
    if (a.field) {
      field = fields.indexOf(a.field);
      if (field < 0) {
        field = fields.length;
        fields.push(a.field);
        keepValues.push(false);
        ps.push([]);
        stats.push(false);
      }
      if (fn === 'percentile') {
        keepValues[field] = true;
        (ps[field] as number[]).push(short ?? a.p ?? 0);
      } else if (fn !== 'count') stats[field] = true;
    }
    return { alias: aggregationAlias(a), fn, field, p: short ?? a.p ?? 0 };
  });
  return { aggs: out, fields, keepValues, ps, stats };
}

/** Growable Float64Array / Int32Array pair: the kept values and the group each belongs to. */
class KeptValues {
  values = new Float64Array(1024);
  groups = new Int32Array(1024);
  length = 0;
  push(v: number, g: number): void {
    if (this.length === this.values.length) {
      const nv = new Float64Array(this.length * 2);
      nv.set(this.values);
      this.values = nv;
      const ng = new Int32Array(this.length * 2);
      ng.set(this.groups);
      this.groups = ng;
    }
    this.values[this.length] = v;
    this.groups[this.length] = g;
    this.length++;
  }
}

export class Accumulators {
  readonly rows: number[] = [];
  private readonly n: number[][];
  private readonly sum: number[][];
  private readonly min: number[][];
  private readonly max: number[][];
  private readonly mean: number[][];
  private readonly m2: number[][];
  private readonly kept: (KeptValues | null)[];
  /** Per field: each group's percentiles (in the order of plan.ps), computed on first read. */
  private pcts: ((number | null)[][] | null)[];

  constructor(readonly plan: AggPlan) {
    const per = () => plan.fields.map((): number[] => []);
    this.n = per();
    this.sum = per();
    this.min = per();
    this.max = per();
    this.mean = per();
    this.m2 = per();
    this.kept = plan.keepValues.map((k) => (k ? new KeptValues() : null));
    this.pcts = plan.fields.map(() => null);
  }

  /** Call once per new group id (ids are dense and increasing). */
  addGroup(): void {
    this.rows.push(0);
    for (let f = 0; f < this.plan.fields.length; f++) {
      (this.n[f] as number[]).push(0);
      (this.sum[f] as number[]).push(0);
      (this.min[f] as number[]).push(Infinity);
      (this.max[f] as number[]).push(-Infinity);
      (this.mean[f] as number[]).push(0);
      (this.m2[f] as number[]).push(0);
    }
  }

  addRow(g: number): void {
    this.rows[g] = (this.rows[g] as number) + 1;
  }

  addValue(f: number, g: number, v: number): void {
    const n = this.n[f] as number[];
    const c = (n[g] as number) + 1;
    n[g] = c;
    this.kept[f]?.push(v, g);
    if (!this.plan.stats[f]) return;
    const sum = this.sum[f] as number[];
    sum[g] = (sum[g] as number) + v;
    const min = this.min[f] as number[];
    if (v < (min[g] as number)) min[g] = v;
    const max = this.max[f] as number[];
    if (v > (max[g] as number)) max[g] = v;
    const mean = this.mean[f] as number[];
    const m = mean[g] as number;
    const d = v - m;
    const nm = m + d / c;
    mean[g] = nm;
    const m2 = this.m2[f] as number[];
    m2[g] = (m2[g] as number) + d * (v - nm);
  }

  /** Lays the kept values out per group (counting sort by group id), then selects each group's ranks. */
  private percentilesOf(f: number): (number | null)[][] {
    const done = this.pcts[f];
    if (done) return done;
    const kept = this.kept[f] as KeptValues;
    const counts = this.n[f] as number[];
    const offsets = new Int32Array(counts.length + 1);
    for (let g = 0; g < counts.length; g++) offsets[g + 1] = (offsets[g] as number) + (counts[g] as number);
    const cursor = offsets.slice(0, counts.length);
    const values = new Float64Array(kept.length);
    for (let i = 0; i < kept.length; i++) {
      const g = kept.groups[i] as number;
      values[cursor[g] as number] = kept.values[i] as number;
      cursor[g] = (cursor[g] as number) + 1;
    }
    const ps = this.plan.ps[f] as number[];
    const out: (number | null)[][] = new Array<(number | null)[]>(counts.length);
    for (let g = 0; g < counts.length; g++) out[g] = percentilesInPlace(values, offsets[g] as number, offsets[g + 1] as number, ps);
    this.pcts[f] = out;
    return out;
  }

  /** The aggregation's value for group `g`; `seconds` is the width that `rate` divides by. */
  value(a: CompiledAgg, g: number, seconds: number): number | null {
    const f = a.field;
    const n = f < 0 ? (this.rows[g] as number) : ((this.n[f] as number[])[g] as number);
    switch (a.fn) {
      case 'count':
        return n;
      case 'sum':
        return f < 0 ? n : ((this.sum[f] as number[])[g] as number);
      case 'rate':
        return (f < 0 ? n : ((this.sum[f] as number[])[g] as number)) / seconds;
      case 'avg':
        return n === 0 ? null : ((this.sum[f] as number[])[g] as number) / n;
      case 'min':
        return n === 0 ? null : ((this.min[f] as number[])[g] as number);
      case 'max':
        return n === 0 ? null : ((this.max[f] as number[])[g] as number);
      case 'stddev':
        return n === 0 ? null : Math.sqrt(((this.m2[f] as number[])[g] as number) / n);
      case 'percentile': {
        if (n === 0) return null;
        const ps = this.plan.ps[f] as number[];
        return ((this.percentilesOf(f)[g] as (number | null)[])[ps.indexOf(a.p)] as number | null) ?? null;
      }
    }
  }

  /** What an empty bucket of a series shows: 0 for counts, sums and rates, null otherwise. */
  static emptyValue(a: CompiledAgg): number | null {
    return a.fn === 'count' || a.fn === 'sum' || a.fn === 'rate' ? 0 : null;
  }
}
