// What the page knows, bounded: the charts' per-second window (from the service's 1 s rollups),
// cumulative counters (from raw events), and the last anomalies. Items are applied as they arrive
// (O(1) each); views redraw at most once per animation frame when a version number moved.
//
// Why rollups feed the charts: the service computes them over every event (exact percentiles, not
// a sample), the same figures for every viewer and instance, and its anomaly detector scores those
// very values, so anomaly markers sit on the plotted points. Raw events feed the counters.
import { EVENT_TYPES, type AnomalyPayload, type EventType, type RollupPayload } from '../../../shared/src/events';
import type { StreamItem } from '../../../shared/src/dashboard/stream-items';
import { Ring } from './ring';
import { SecondSeries } from './series';

export const WINDOW_S = 300;
export const FIGURE_WINDOW_S = 10;
export const ANOMALY_CAPACITY = 200;

export const LATENCY_TYPES = ['tools', 'cache', 'policy', 'health'] as const;
export type LatencyType = (typeof LATENCY_TYPES)[number];
/** `errors` events count as failures by definition (rate 1), so they have no rate to chart. */
export const ERROR_RATE_TYPES = ['tools', 'policy', 'cache', 'health'] as const;
export type ErrorRateType = (typeof ERROR_RATE_TYPES)[number];
export const ERROR_RATE_LABEL: Record<ErrorRateType, string> = {
  tools: 'tools (error/timeout)',
  policy: 'policy (deny)',
  cache: 'cache (miss)',
  health: 'health (down)',
};

export type SeriesKey =
  | 'seen'
  | 'cost'
  | `rate.${EventType}`
  | `p50.${LatencyType}`
  | `p95.${LatencyType}`
  | `p99.${LatencyType}`
  | `err.${ErrorRateType}`;

function seriesKeys(): SeriesKey[] {
  const keys: SeriesKey[] = ['seen', 'cost'];
  for (const t of EVENT_TYPES) keys.push(`rate.${t}`);
  for (const t of LATENCY_TYPES) keys.push(`p50.${t}`, `p95.${t}`, `p99.${t}`);
  for (const t of ERROR_RATE_TYPES) keys.push(`err.${t}`);
  return keys;
}

export interface Figures {
  eventsReceived: number;
  perType: Record<EventType, number>;
  /** Average over the seconds of the last 10 s that had a rollup; null before the first. */
  eventsPerSecond: number | null;
  latency: { type: LatencyType; p50: number | null; p95: number | null; p99: number | null };
  /** Failed tools calls / all tools calls over the last 10 s, in %. */
  toolsErrorRate: number | null;
  /** USD over the last 60 s. */
  costPerMinute: number | null;
  anomalies: number;
  lastEventId: string | null;
  resets: number;
  dropped: number;
  invalid: number;
}

const isLatencyType = (t: string): t is LatencyType => (LATENCY_TYPES as readonly string[]).includes(t);
const isErrorRateType = (t: string): t is ErrorRateType => (ERROR_RATE_TYPES as readonly string[]).includes(t);

export class DashboardModel {
  readonly series: SecondSeries<SeriesKey>;
  readonly anomalies = new Ring<AnomalyPayload>(ANOMALY_CAPACITY);
  /** USD over the 60 s ending at each second: derived from `cost` by refreshDerived(). */
  readonly costPerMinute: (number | null)[];
  /** Bumped on every change a view draws; a view redraws when the number it last drew differs. */
  chartsVersion = 0;
  figuresVersion = 0;
  anomaliesVersion = 0;

  #received = 0;
  #perType = Object.fromEntries(EVENT_TYPES.map((t) => [t, 0])) as Record<EventType, number>;
  #lastEventId: string | null = null;
  #anomalyCount = 0;
  #resets = 0;
  #dropped = 0;
  #invalid = 0;
  /** Server clock minus ours, from the latest rollup: the time axis follows the server's seconds. */
  #offsetMs = 0;

  constructor(nowMs: number) {
    this.series = new SecondSeries(WINDOW_S, seriesKeys(), Math.floor(nowMs / 1000) - 1);
    this.costPerMinute = new Array<number | null>(WINDOW_S).fill(null);
  }

  apply(item: StreamItem, nowMs: number): void {
    switch (item.kind) {
      case 'event':
        this.#received++;
        this.#perType[item.event.type]++;
        this.#lastEventId = item.event.id;
        this.figuresVersion++;
        return;
      case 'rollup':
        this.#applyRollup(item.rollup, nowMs);
        return;
      case 'anomaly':
        this.anomalies.push(item.anomaly);
        this.#anomalyCount++;
        this.anomaliesVersion++;
        this.chartsVersion++; // markers
        this.figuresVersion++;
        return;
      case 'reset':
        this.#resets++;
        this.figuresVersion++;
        return;
    }
  }

  noteDropped(n: number): void {
    if (n <= 0) return;
    this.#dropped += n;
    this.figuresVersion++;
  }

  noteInvalid(): void {
    this.#invalid++;
    this.figuresVersion++;
  }

  #applyRollup(r: RollupPayload, nowMs: number): void {
    this.#offsetMs = r.to - nowMs;
    const sec = Math.floor(r.from / 1000);
    const perSecond = 1000 / Math.max(1, r.intervalMs);
    const s = this.series;
    if (!s.set('seen', sec, 1)) return; // older than the window
    let cost = 0;
    for (const t of EVENT_TYPES) {
      const st = r.types[t];
      s.set(`rate.${t}`, sec, (st?.count ?? 0) * perSecond);
      if (isLatencyType(t)) {
        s.set(`p50.${t}`, sec, st?.p50 ?? null);
        s.set(`p95.${t}`, sec, st?.p95 ?? null);
        s.set(`p99.${t}`, sec, st?.p99 ?? null);
      }
      if (isErrorRateType(t)) s.set(`err.${t}`, sec, st && st.count > 0 && st.errorRate !== null ? st.errorRate * 100 : null);
      cost += st?.costUsd ?? 0;
    }
    s.set('cost', sec, cost);
    this.chartsVersion++;
    this.figuresVersion++;
  }

  /** The last complete second on the server's clock: where the time axis ends. */
  axisEnd(nowMs: number): number {
    return Math.floor((nowMs + this.#offsetMs) / 1000) - 1;
  }

  /** Slides the window to `nowMs` and recomputes derived series. Returns true when anything moved. */
  tick(nowMs: number): boolean {
    const before = this.series.end;
    this.series.advanceTo(this.axisEnd(nowMs));
    if (this.series.end === before) return false;
    this.chartsVersion++;
    this.figuresVersion++;
    return true;
  }

  /** Rolling 60 s sum of cost, in one pass over the window. */
  refreshDerived(): void {
    const cost = this.series.col('cost');
    const seen = this.series.col('seen');
    let sum = 0;
    for (let i = 0; i < cost.length; i++) {
      sum += cost[i] ?? 0;
      if (i >= 60) sum -= cost[i - 60] ?? 0;
      this.costPerMinute[i] = seen[i] === null ? null : Math.max(0, sum);
    }
  }

  figures(latencyType: LatencyType): Figures {
    const s = this.series;
    const end = s.end;
    const seen = s.recent('seen', FIGURE_WINDOW_S, end).length;
    let eps: number | null = null;
    if (seen > 0) {
      let total = 0;
      for (const t of EVENT_TYPES) total += s.recent(`rate.${t}`, FIGURE_WINDOW_S, end).reduce((a, b) => a + b, 0);
      eps = total / seen;
    }
    // The latency figures are those of the latest second that had such events.
    let lat: Figures['latency'] = { type: latencyType, p50: null, p95: null, p99: null };
    for (let sec = end; sec > end - FIGURE_WINDOW_S; sec--) {
      const i = s.indexOf(sec);
      const p95 = i < 0 ? null : (s.col(`p95.${latencyType}`)[i] ?? null);
      if (p95 !== null) {
        lat = { type: latencyType, p50: s.col(`p50.${latencyType}`)[i] ?? null, p95, p99: s.col(`p99.${latencyType}`)[i] ?? null };
        break;
      }
    }
    let failed = 0;
    let calls = 0;
    const rate = s.col('rate.tools');
    const err = s.col('err.tools');
    for (let sec = end - FIGURE_WINDOW_S + 1; sec <= end; sec++) {
      const i = s.indexOf(sec);
      if (i < 0) continue;
      const n = rate[i] ?? 0;
      calls += n;
      failed += ((err[i] ?? 0) / 100) * n;
    }
    const endIdx = s.indexOf(end);
    return {
      eventsReceived: this.#received,
      perType: { ...this.#perType },
      eventsPerSecond: eps,
      latency: lat,
      toolsErrorRate: calls > 0 ? (failed / calls) * 100 : null,
      costPerMinute: seen > 0 && endIdx >= 0 ? this.#costAt(endIdx) : null,
      anomalies: this.#anomalyCount,
      lastEventId: this.#lastEventId,
      resets: this.#resets,
      dropped: this.#dropped,
      invalid: this.#invalid,
    };
  }

  #costAt(idx: number): number {
    const cost = this.series.col('cost');
    let sum = 0;
    for (let i = Math.max(0, idx - 59); i <= idx; i++) sum += cost[i] ?? 0;
    return sum;
  }
}
