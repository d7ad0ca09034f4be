import { describe, expect, it } from 'vitest';
import { parseStreamMessage } from './stream-items';

const rollup = {
  from: 1_700_000_000_000,
  to: 1_700_000_001_000,
  intervalMs: 1000,
  types: { tools: { count: 3, errorRate: 0.5, p50: 10, p95: 20, p99: 30, costUsd: 0 } },
};

describe('parseStreamMessage', () => {
  it('parses each kind the stream carries', () => {
    const ev = parseStreamMessage('tools', JSON.stringify({ id: '5', type: 'tools', ts: 1, tool: 't', status: 'ok', durationMs: 3 }));
    expect(ev).toMatchObject({ ok: true, item: { kind: 'event', event: { id: '5', type: 'tools', durationMs: 3 } } });
    expect(parseStreamMessage('rollup', JSON.stringify(rollup))).toMatchObject({ ok: true, item: { kind: 'rollup', rollup } });
    const anomaly = { type: 'tools', metric: 'p95', value: 9, mean: 1, stddev: 1, z: 8, threshold: 3, from: 1, to: 2, intervalMs: 1000 };
    expect(parseStreamMessage('anomaly', JSON.stringify(anomaly))).toMatchObject({ ok: true, item: { kind: 'anomaly', anomaly } });
    const reset = { reason: 'aged-out', oldestId: '10', latestId: '20' };
    expect(parseStreamMessage('reset', JSON.stringify(reset))).toEqual({ ok: true, item: { kind: 'reset', reset } });
  });

  it('keeps a reset even when its body is unexpected', () => {
    expect(parseStreamMessage('reset', '')).toEqual({ ok: true, item: { kind: 'reset', reset: null } });
    expect(parseStreamMessage('reset', '{"x":1}')).toEqual({ ok: true, item: { kind: 'reset', reset: null } });
  });

  it('rejects what does not fit, saying why', () => {
    expect(parseStreamMessage('tools', '{not json')).toEqual({ ok: false, reason: 'tools: data is not JSON' });
    const bad = parseStreamMessage('tools', JSON.stringify({ id: '5', type: 'tools', ts: 1, tool: 't', status: 'maybe', durationMs: 3 }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.reason).toMatch(/status/);
    expect(parseStreamMessage('tools', JSON.stringify({ type: 'tools', ts: 1, tool: 't', status: 'ok', durationMs: 3 })).ok).toBe(false); // no id
    expect(parseStreamMessage('weird', '{}')).toEqual({ ok: false, reason: 'unknown stream event "weird"' });
    expect(parseStreamMessage('rollup', JSON.stringify({ ...rollup, types: { tools: { count: 'many' } } })).ok).toBe(false);
  });
});
