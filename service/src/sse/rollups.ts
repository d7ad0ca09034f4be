// Live rollups for the stream (`?rollup=1s`): per interval, per event type, the count, error rate,
// p50/p95/p99 of the type's latency field and the cost sum, over the events that arrived in that
// interval (wall-clock windows aligned to multiples of the interval). Each finished rollup also feeds a
// live anomaly detector. One aggregator per distinct interval, alive while a client asks for it.
import { LATENCY_FIELD, type AnalyticsEvent, type AnomalyPayload, type EventType, type RollupPayload, type RollupStats } from '../../../shared/src/events';
import { percentiles } from '../analytics/percentiles';
import type { StoredEvent } from '../store/types';
import { LiveAnomalyDetector } from './live-anomalies';

export type RollupListener = (payload: RollupPayload, anomalies: AnomalyPayload[]) => void;

interface TypeWindow {
  count: number;
  failed: number;
  latencies: number[];
  costUsd: number;
}

function failed(e: AnalyticsEvent): boolean | null {
  if (e.type === 'tools') return e.status !== 'ok';
  if (e.type === 'health') return e.status !== 'up';
  return null;
}

class IntervalRollup {
  readonly listeners = new Set<RollupListener>();
  private windows = new Map<EventType, TypeWindow>();
  private windowStart: number;
  private timer: NodeJS.Timeout | null = null;
  private readonly detector: LiveAnomalyDetector;

  constructor(
    readonly intervalMs: number,
    private readonly clock: () => number,
    threshold: number,
  ) {
    this.windowStart = Math.floor(clock() / intervalMs) * intervalMs;
    this.detector = new LiveAnomalyDetector(threshold);
    this.schedule();
  }

  private schedule(): void {
    const next = this.windowStart + this.intervalMs;
    this.timer = setTimeout(() => this.tick(), Math.max(0, next - this.clock()));
    this.timer.unref();
  }

  add(e: AnalyticsEvent): void {
    let w = this.windows.get(e.type);
    if (!w) {
      w = { count: 0, failed: 0, latencies: [], costUsd: 0 };
      this.windows.set(e.type, w);
    }
    w.count++;
    if (failed(e)) w.failed++;
    const field = LATENCY_FIELD[e.type];
    const v = field ? (e as unknown as Record<string, unknown>)[field] : undefined;
    if (typeof v === 'number') w.latencies.push(v);
    if (e.type === 'costs') w.costUsd += e.amountUsd;
  }

  private tick(): void {
    const from = this.windowStart;
    const to = from + this.intervalMs;
    const types: RollupPayload['types'] = {};
    for (const [type, w] of this.windows) {
      const [p50, p95, p99] = percentiles(w.latencies, [50, 95, 99]);
      const stats: RollupStats = {
        count: w.count,
        errorRate: failed({ type } as AnalyticsEvent) === null ? null : w.count === 0 ? 0 : w.failed / w.count,
        p50: p50 ?? null,
        p95: p95 ?? null,
        p99: p99 ?? null,
        costUsd: w.costUsd,
      };
      types[type] = stats;
    }
    this.windows = new Map();
    // Skip whole intervals when the process was busy (timers late): windows stay aligned.
    this.windowStart = Math.max(to, Math.floor(this.clock() / this.intervalMs) * this.intervalMs);
    const payload: RollupPayload = { from, to, intervalMs: this.intervalMs, types };
    const anomalies = this.detector.observe(payload);
    for (const l of this.listeners) l(payload, anomalies);
    this.schedule();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

export class LiveRollups {
  private readonly byInterval = new Map<number, IntervalRollup>();

  constructor(
    private readonly threshold: number,
    private readonly clock: () => number = Date.now,
  ) {}

  subscribe(intervalMs: number, listener: RollupListener): () => void {
    let r = this.byInterval.get(intervalMs);
    if (!r) {
      r = new IntervalRollup(intervalMs, this.clock, this.threshold);
      this.byInterval.set(intervalMs, r);
    }
    r.listeners.add(listener);
    const rollup = r;
    return () => {
      rollup.listeners.delete(listener);
      if (rollup.listeners.size === 0) {
        rollup.stop();
        this.byInterval.delete(intervalMs);
      }
    };
  }

  add(batch: readonly StoredEvent[]): void {
    if (this.byInterval.size === 0) return;
    for (const r of this.byInterval.values()) for (const e of batch) r.add(e.event);
  }

  stop(): void {
    for (const r of this.byInterval.values()) r.stop();
    this.byInterval.clear();
  }
}
