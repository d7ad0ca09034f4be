// The analytics window's limits, said at run time: /metrics gauges and the /healthz section. A window
// cut short by the memory budget (or a history database that is down) is a warning, not a failure: the
// instance still serves, but the operator must know the answers cover less than the retention.
import type { Coverage } from '../../../shared/src/query';
import type { AppDeps } from '../deps';
import type { MetricsRegistry } from '../metrics/registry';
import type { AnalyticsEngine } from './engine';
import type { QueryRouter } from './query-router';

export function registerAnalyticsMetrics(metrics: MetricsRegistry, engine: AnalyticsEngine, queries: QueryRouter, budget: number): void {
  metrics.gaugeFn('m1_analytics_memory_bytes', 'Bytes held by the in-memory analytics tables (typed arrays and dictionaries).', () => engine.measureBytes());
  metrics.gaugeFn('m1_analytics_memory_budget_bytes', 'M1_ANALYTICS_MEMORY_MB in bytes.', () => budget);
  metrics.gaugeFn('m1_analytics_evicted_rows', 'Rows evicted from memory for the budget since start (not retention).', () => engine.evictedRows);
  // Epoch seconds from which the answers are complete; 0 when they cover the whole retention.
  metrics.gaugeFn('m1_analytics_coverage_from_seconds', 'Start of the window queries answer completely (epoch s); 0 = the whole retention.', () => {
    const c = queries.narrowestCoverage();
    return c ? Math.floor(c.from / 1000) : 0;
  });
  metrics.gaugeFn('m1_analytics_history_up', '1 when the analytics history database answers, 0 when it is down, -1 when none is configured.', () => {
    const s = queries.historyStatus();
    return s === null ? -1 : s === 'up' ? 1 : 0;
  });
}

export interface AnalyticsHealth {
  memoryBytes: number;
  memoryBudgetBytes: number;
  /** The narrowest complete window over the event types; null when every type covers the retention. */
  coverage: Coverage | null;
  /** The history database: null when none is configured. */
  history: 'up' | 'down' | null;
  warnings: string[];
}

export function analyticsHealth(deps: AppDeps): AnalyticsHealth {
  const budget = deps.analyticsBudgetBytes;
  const coverage = deps.queries.narrowestCoverage();
  const history = deps.queries.historyStatus();
  const warnings: string[] = [];
  if (coverage) {
    const hours = ((coverage.to - coverage.from) / 3_600_000).toFixed(1);
    warnings.push(
      history === 'down'
        ? `the analytics history database is unreachable: queries answer from memory, ${hours} h of the retention`
        : `the in-memory analytics window holds ${hours} h of the retention: older events are not answered (the memory budget evicted them, or the Redis stream no longer held them when this instance started; raise M1_ANALYTICS_MEMORY_MB or set M1_ANALYTICS_DATABASE_URL)`,
    );
  }
  return { memoryBytes: deps.analytics.measureBytes(), memoryBudgetBytes: budget, coverage, history, warnings };
}
