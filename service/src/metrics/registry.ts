// A small Prometheus registry (text exposition format 0.0.4): counters and gauges with labels.
// Hand-written because the service needs only these two kinds and no dependency is installed for it.
//
// STABLE INTERFACE (used by the revocation work, through `app.m1.metrics`):
//   registry.counter(name, help, labelNames?) → Counter { inc(labels?, by?) ; get(labels?) }
//   registry.gauge(name, help, labelNames?)   → Gauge   { set(value, labels?) ; inc(labels?, by?) ; dec(labels?, by?) ; get(labels?) }
//   registry.gaugeFn(name, help, read: () => number)   (sampled at scrape time)
//   registry.render() → string
// Asking twice for the same name returns the same metric (so plugins can share one); a different kind
// or label set under the same name throws.
export type Labels = Record<string, string>;

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function formatNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  return String(n);
}

abstract class Metric {
  protected readonly values = new Map<string, { labels: Labels; value: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
    readonly kind: 'counter' | 'gauge',
  ) {}

  protected key(labels: Labels): string {
    for (const k of Object.keys(labels)) {
      if (!this.labelNames.includes(k)) throw new Error(`metric ${this.name}: unknown label ${k}`);
    }
    return this.labelNames.map((n) => labels[n] ?? '').join('\u0000');
  }

  protected slot(labels: Labels): { labels: Labels; value: number } {
    const k = this.key(labels);
    let s = this.values.get(k);
    if (!s) {
      s = { labels: { ...labels }, value: 0 };
      this.values.set(k, s);
    }
    return s;
  }

  get(labels: Labels = {}): number {
    return this.values.get(this.key(labels))?.value ?? 0;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help.replace(/\n/g, ' ')}`, `# TYPE ${this.name} ${this.kind}`];
    if (this.values.size === 0 && this.labelNames.length === 0) lines.push(`${this.name} 0`);
    for (const { labels, value } of this.values.values()) {
      const l = Object.entries(labels)
        .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
        .join(',');
      lines.push(`${this.name}${l ? `{${l}}` : ''} ${formatNumber(value)}`);
    }
    return lines.join('\n');
  }
}

export class Counter extends Metric {
  inc(labels: Labels = {}, by = 1): void {
    if (by < 0) throw new Error(`counter ${this.name} cannot decrease`);
    this.slot(labels).value += by;
  }
}

export class Gauge extends Metric {
  set(value: number, labels: Labels = {}): void {
    this.slot(labels).value = value;
  }
  inc(labels: Labels = {}, by = 1): void {
    this.slot(labels).value += by;
  }
  dec(labels: Labels = {}, by = 1): void {
    this.slot(labels).value -= by;
  }
}

class FnGauge extends Gauge {
  constructor(name: string, help: string, private readonly read: () => number) {
    super(name, help, [], 'gauge');
  }
  override render(): string {
    this.set(this.read());
    return super.render();
  }
}

export class MetricsRegistry {
  private readonly metrics = new Map<string, Metric>();

  private register<M extends Metric>(name: string, kind: 'counter' | 'gauge', labelNames: readonly string[], make: () => M): M {
    if (!NAME.test(name)) throw new Error(`invalid metric name ${name}`);
    const existing = this.metrics.get(name);
    if (existing) {
      if (existing.kind !== kind || existing.labelNames.join(',') !== labelNames.join(',')) {
        throw new Error(`metric ${name} already registered with another kind or labels`);
      }
      return existing as M;
    }
    const m = make();
    this.metrics.set(name, m);
    return m;
  }

  counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    return this.register(name, 'counter', labelNames, () => new Counter(name, help, labelNames, 'counter'));
  }

  gauge(name: string, help: string, labelNames: readonly string[] = []): Gauge {
    return this.register(name, 'gauge', labelNames, () => new Gauge(name, help, labelNames, 'gauge'));
  }

  gaugeFn(name: string, help: string, read: () => number): Gauge {
    return this.register(name, 'gauge', [], () => new FnGauge(name, help, read));
  }

  render(): string {
    return [...this.metrics.values()].map((m) => m.render()).join('\n') + '\n';
  }
}
