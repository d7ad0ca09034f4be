// Example queries offered in the query box (service.md "Query DSL").
export const QUERY_PRESETS: Record<string, object> = {
  'tools-p95': {
    type: 'tools',
    range: '1h',
    groupBy: ['tool'],
    aggregations: [
      { fn: 'count', as: 'n' },
      { fn: 'percentile', field: 'durationMs', p: 95, as: 'p95' },
    ],
    orderBy: { field: 'p95', dir: 'desc' },
    limit: 100,
  },
  'errors-by-code': {
    type: 'errors',
    range: '1h',
    groupBy: ['code', 'severity'],
    aggregations: [{ fn: 'count', as: 'n' }],
    orderBy: { field: 'n', dir: 'desc' },
    limit: 100,
  },
  'costs-per-minute': {
    type: 'costs',
    range: '1h',
    interval: '1m',
    aggregations: [{ fn: 'sum', field: 'amountUsd', as: 'usd' }],
    limit: 100,
  },
  'cache-hit-rate': {
    type: 'cache',
    range: '15m',
    groupBy: ['op'],
    aggregations: [
      { fn: 'count', as: 'n' },
      { fn: 'p95', field: 'latencyMs', as: 'p95' },
    ],
    limit: 100,
  },
};

export const DEFAULT_PRESET = 'tools-p95';

export function presetText(name: string): string {
  return JSON.stringify(QUERY_PRESETS[name] ?? QUERY_PRESETS[DEFAULT_PRESET], null, 2);
}
