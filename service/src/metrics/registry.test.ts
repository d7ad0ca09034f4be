import { describe, expect, it } from 'vitest';
import { MetricsRegistry } from './registry';

describe('MetricsRegistry', () => {
  it('renders counters and gauges in the Prometheus text format, escaping label values', () => {
    const m = new MetricsRegistry();
    const c = m.counter('m1_things_total', 'Things.', ['kind']);
    c.inc({ kind: 'a' });
    c.inc({ kind: 'a' }, 2);
    c.inc({ kind: 'q"\\\n' });
    m.gauge('m1_level', 'Level.').set(1.5);
    m.gaugeFn('m1_sampled', 'Sampled.', () => 42);
    expect(m.render()).toBe(
      [
        '# HELP m1_things_total Things.',
        '# TYPE m1_things_total counter',
        'm1_things_total{kind="a"} 3',
        'm1_things_total{kind="q\\"\\\\\\n"} 1',
        '# HELP m1_level Level.',
        '# TYPE m1_level gauge',
        'm1_level 1.5',
        '# HELP m1_sampled Sampled.',
        '# TYPE m1_sampled gauge',
        'm1_sampled 42',
        '',
      ].join('\n'),
    );
  });

  it('returns the same metric for the same name and refuses a clash', () => {
    const m = new MetricsRegistry();
    expect(m.counter('x_total', 'x', ['a'])).toBe(m.counter('x_total', 'x', ['a']));
    expect(() => m.gauge('x_total', 'x', ['a'])).toThrow(/already registered/);
    expect(() => m.counter('x_total', 'x', ['a']).inc({ b: '1' })).toThrow(/unknown label/);
    expect(() => m.counter('bad name', 'x')).toThrow(/invalid metric name/);
  });
});
