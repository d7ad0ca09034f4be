// The key figures as text: a definition list (visible, and what tests read through data-figure)
// and a polite aria-live sentence, announced at most every few seconds so a screen reader is not
// flooded by a stream of 1,000 events/s. The charts' text alternatives are filled here too.
import { EVENT_TYPES } from '../../../shared/src/events';
import type { DashboardModel, Figures, LatencyType } from '../model/dashboard-model';
import { make, setText } from './dom';
import { fmtInt, fmtMs, fmtPct, fmtRate, fmtUsd } from './format';

const ANNOUNCE_EVERY_MS = 5000;

interface Row {
  key: string;
  label: string;
  value(f: Figures): string;
}

const ROWS: Row[] = [
  { key: 'events-received', label: 'Events received', value: (f) => fmtInt(f.eventsReceived) },
  { key: 'events-per-second', label: 'Throughput', value: (f) => fmtRate(f.eventsPerSecond) },
  { key: 'latency-p50', label: 'p50', value: (f) => fmtMs(f.latency.p50) },
  { key: 'latency-p95', label: 'p95', value: (f) => fmtMs(f.latency.p95) },
  { key: 'latency-p99', label: 'p99', value: (f) => fmtMs(f.latency.p99) },
  { key: 'tools-error-rate', label: 'Tools error rate', value: (f) => fmtPct(f.toolsErrorRate) },
  { key: 'cost-per-minute', label: 'Cost per minute', value: (f) => fmtUsd(f.costPerMinute) },
  { key: 'anomalies', label: 'Anomalies', value: (f) => fmtInt(f.anomalies) },
  ...EVENT_TYPES.map((t) => ({ key: `count-${t}`, label: `${t} events`, value: (f: Figures) => fmtInt(f.perType[t]) })),
  { key: 'last-event-id', label: 'Last event id', value: (f) => f.lastEventId ?? '–' },
  { key: 'skipped', label: 'Skipped / invalid', value: (f) => `${fmtInt(f.dropped)} / ${fmtInt(f.invalid)}` },
];

export interface ChartSummaries {
  throughput: HTMLElement;
  latency: HTMLElement;
  errors: HTMLElement;
  cost: HTMLElement;
}

export class FiguresView {
  readonly #values = new Map<string, HTMLElement>();
  readonly #labels = new Map<string, HTMLElement>();
  #drawnVersion = -1;
  #lastAnnounce = -Infinity;
  #announced = '';

  constructor(
    private readonly model: DashboardModel,
    private readonly list: HTMLElement,
    private readonly live: HTMLElement,
    private readonly summaries: ChartSummaries,
  ) {
    const doc = list.ownerDocument;
    for (const r of ROWS) {
      const dt = make(doc, 'dt', r.label);
      const dd = make(doc, 'dd', '–', { 'data-figure': r.key });
      this.#labels.set(r.key, dt);
      this.#values.set(r.key, dd);
      const group = make(doc, 'div', undefined, { class: 'm1-figure' });
      group.append(dt, dd);
      list.append(group);
    }
  }

  render(latencyType: LatencyType, nowMs: number, force = false): boolean {
    if (!force && this.model.figuresVersion === this.#drawnVersion) return false;
    this.#drawnVersion = this.model.figuresVersion;
    const f = this.model.figures(latencyType);
    for (const r of ROWS) setText(this.#values.get(r.key) as HTMLElement, r.value(f));
    for (const p of ['p50', 'p95', 'p99'] as const) setText(this.#labels.get(`latency-${p}`) as HTMLElement, `${latencyType} ${p}`);
    this.#summaries(f);
    const sentence = announce(f);
    if (sentence !== this.#announced && nowMs - this.#lastAnnounce >= ANNOUNCE_EVERY_MS) {
      this.#announced = sentence;
      this.#lastAnnounce = nowMs;
      setText(this.live, sentence);
    }
    return true;
  }

  #summaries(f: Figures): void {
    const s = this.summaries;
    const rates = EVENT_TYPES.map((t) => `${t} ${fmtInt(f.perType[t])} received`).join(', ');
    setText(s.throughput, `Overall ${fmtRate(f.eventsPerSecond)} over the last 10 seconds; ${rates}.`);
    setText(
      s.latency,
      `${f.latency.type}: p50 ${fmtMs(f.latency.p50)}, p95 ${fmtMs(f.latency.p95)}, p99 ${fmtMs(f.latency.p99)} in the latest second with such events.`,
    );
    setText(s.errors, `Tools error rate over the last 10 seconds: ${fmtPct(f.toolsErrorRate)}.`);
    setText(s.cost, `Cost over the last minute: ${fmtUsd(f.costPerMinute)}.`);
  }
}

function announce(f: Figures): string {
  return [
    `${fmtRate(f.eventsPerSecond)} events`,
    `${f.latency.type} p95 ${fmtMs(f.latency.p95)}`,
    `tools error rate ${fmtPct(f.toolsErrorRate)}`,
    `cost ${fmtUsd(f.costPerMinute)} per minute`,
    `${fmtInt(f.anomalies)} anomalies`,
  ].join(', ');
}
