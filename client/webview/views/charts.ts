// The four uPlot charts. They draw straight from the model's column arrays (no copies), and redraw
// at most once per animation frame, only when the model's chartsVersion moved. Anomalies are drawn
// as vertical markers by a small uPlot plugin.
import uPlot from 'uplot';
import { EVENT_TYPES, type AnomalyPayload } from '../../../shared/src/events';
import { ERROR_RATE_LABEL, ERROR_RATE_TYPES, type DashboardModel, type LatencyType, type SeriesKey } from '../model/dashboard-model';
import { fittedAxisSize } from './axis-size';
import type { Palette } from './theme';

type ChartId = 'throughput' | 'latency' | 'errors' | 'cost';

/** Which anomalies mark which chart. */
const METRIC_CHART: Record<AnomalyPayload['metric'], ChartId> = {
  count: 'throughput',
  p50: 'latency',
  p95: 'latency',
  p99: 'latency',
  errorRate: 'errors',
  costUsd: 'cost',
};

const HEIGHT = 180;
const MARKED_ANOMALIES = 50;

/** A second with data between two without is a lone point: no line reaches it, so draw a dot. */
const isolatedPoints: uPlot.Series.Points.Filter = (u, seriesIdx) => {
  const ys = u.data[seriesIdx] ?? [];
  const out: number[] = [];
  for (let i = 0; i < ys.length; i++) {
    if (ys[i] === null || ys[i] === undefined) continue;
    const prev = i > 0 ? ys[i - 1] : null;
    const next = i + 1 < ys.length ? ys[i + 1] : null;
    if ((prev === null || prev === undefined) && (next === null || next === undefined)) out.push(i);
  }
  return out;
};

export interface ChartHosts {
  throughput: HTMLElement;
  latency: HTMLElement;
  errors: HTMLElement;
  cost: HTMLElement;
}

interface Built {
  plot: uPlot;
  data: () => uPlot.AlignedData;
}

export class Charts {
  #built: Partial<Record<ChartId, Built>> = {};
  #drawnVersion = -1;
  #latencyType: LatencyType;

  constructor(
    private readonly model: DashboardModel,
    private readonly hosts: ChartHosts,
    private palette: Palette,
    latencyType: LatencyType,
  ) {
    this.#latencyType = latencyType;
    this.#buildAll();
  }

  setLatencyType(t: LatencyType): void {
    this.#latencyType = t;
    this.#built.latency?.plot.destroy();
    this.#built.latency = this.#build('latency');
    this.#drawnVersion = -1;
  }

  setPalette(p: Palette): void {
    this.palette = p;
    for (const b of Object.values(this.#built)) b.plot.destroy();
    this.#buildAll();
    this.#drawnVersion = -1;
  }

  resize(): void {
    for (const [id, b] of Object.entries(this.#built) as [ChartId, Built][]) {
      const width = this.#width(this.hosts[id]);
      if (width !== b.plot.width) b.plot.setSize({ width, height: HEIGHT });
    }
  }

  /** Redraws when the model changed since the last draw. Returns true when it drew. */
  render(): boolean {
    if (this.model.chartsVersion === this.#drawnVersion) return false;
    this.model.refreshDerived();
    for (const b of Object.values(this.#built)) b.plot.setData(b.data(), true);
    this.#drawnVersion = this.model.chartsVersion;
    for (const [id, host] of Object.entries(this.hosts) as [ChartId, HTMLElement][]) {
      host.dataset.points = String(this.#points(id));
    }
    return true;
  }

  /** Seconds with data in the chart (for text alternatives and tests). */
  #points(id: ChartId): number {
    const col = id === 'cost' ? this.model.costPerMinute : this.model.series.col('seen');
    let n = 0;
    for (const v of col) if (v !== null) n++;
    return n;
  }

  #buildAll(): void {
    for (const id of ['throughput', 'latency', 'errors', 'cost'] as const) this.#built[id] = this.#build(id);
  }

  #width(host: HTMLElement): number {
    return Math.max(240, Math.floor(host.clientWidth || 600));
  }

  #build(id: ChartId): Built {
    const m = this.model;
    const p = this.palette;
    const col = (k: SeriesKey): (number | null)[] => m.series.col(k);
    let series: uPlot.Series[];
    let data: () => uPlot.AlignedData;
    let unit: (v: number) => string;
    switch (id) {
      case 'throughput':
        series = EVENT_TYPES.map((t, i) => this.#line(t, p.series[i % p.series.length] ?? p.fg));
        data = () => [m.series.x, ...EVENT_TYPES.map((t) => col(`rate.${t}`))];
        unit = (v) => `${v}/s`;
        break;
      case 'latency': {
        const t = this.#latencyType;
        series = [this.#line('p50', p.series[0] ?? p.fg), this.#line('p95', p.series[2] ?? p.fg), this.#line('p99', p.series[3] ?? p.fg)];
        data = () => [m.series.x, col(`p50.${t}`), col(`p95.${t}`), col(`p99.${t}`)];
        unit = (v) => `${v} ms`;
        break;
      }
      case 'errors':
        series = ERROR_RATE_TYPES.map((t) => this.#line(ERROR_RATE_LABEL[t], p.series[EVENT_TYPES.indexOf(t) % p.series.length] ?? p.fg));
        data = () => [m.series.x, ...ERROR_RATE_TYPES.map((t) => col(`err.${t}`))];
        unit = (v) => `${v} %`;
        break;
      case 'cost':
        series = [this.#line('USD / min', p.series[3] ?? p.fg)];
        data = () => [m.series.x, m.costPerMinute];
        unit = (v) => `$${v}`;
        break;
    }
    const axis = (values?: uPlot.Axis['values']): uPlot.Axis => ({
      stroke: p.fg,
      ...(values ? { size: fittedAxisSize(p.font) } : {}), // as wide as the widest label
      font: p.font,
      grid: { stroke: p.grid, width: 1 },
      ticks: { stroke: p.grid, width: 1 },
      ...(values ? { values } : {}),
    });
    const opts: uPlot.Options = {
      width: this.#width(this.hosts[id]),
      height: HEIGHT,
      pxAlign: 0,
      cursor: { drag: { x: false, y: false } },
      legend: { show: true, live: true },
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Number.isFinite(max) && max > 0 ? max * 1.1 : 1] } },
      axes: [axis(), axis((_u, splits) => splits.map(unit))],
      series: [{}, ...series],
      plugins: [this.#anomalyMarkers(id)],
    };
    const host = this.hosts[id];
    host.replaceChildren();
    return { plot: new uPlot(opts, data(), host), data };
  }

  #line(label: string, stroke: string): uPlot.Series {
    return { label, stroke, width: 1.5, spanGaps: false, points: { show: true, size: 5, fill: stroke, filter: isolatedPoints } };
  }

  #anomalyMarkers(id: ChartId): uPlot.Plugin {
    return {
      hooks: {
        draw: (u: uPlot) => {
          const { ctx } = u;
          const { top, height } = u.bbox;
          ctx.save();
          ctx.strokeStyle = this.palette.anomaly;
          ctx.fillStyle = this.palette.anomaly;
          ctx.lineWidth = Math.max(1, devicePixelRatio);
          ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
          let drawn = 0;
          for (const a of this.model.anomalies.newest(MARKED_ANOMALIES)) {
            if (METRIC_CHART[a.metric] !== id) continue;
            if (id === 'latency' && a.type !== this.#latencyType) continue;
            const sec = Math.floor(a.from / 1000);
            if (this.model.series.indexOf(sec) < 0) continue;
            drawn++;
            const x = Math.round(u.valToPos(sec, 'x', true));
            ctx.beginPath();
            ctx.moveTo(x, top);
            ctx.lineTo(x, top + height);
            ctx.stroke();
            ctx.beginPath(); // a small triangle on top, so a marker is visible on a busy chart
            ctx.moveTo(x - 5 * devicePixelRatio, top);
            ctx.lineTo(x + 5 * devicePixelRatio, top);
            ctx.lineTo(x, top + 7 * devicePixelRatio);
            ctx.fill();
          }
          ctx.restore();
          this.hosts[id].dataset.markers = String(drawn); // what a test (or a curious user) can read
        },
      },
    };
  }
}
