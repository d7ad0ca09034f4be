// The memory budget said out loud over HTTP: once the in-memory window is shorter than the retention,
// query answers carry `coverage`, /healthz warns and /metrics exports where the window starts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHUNK_ROWS } from '../../service/src/analytics/columnar-table';
import { postJson, startTestService, type TestService } from './harness';

let svc: TestService;
let token: string;

beforeAll(async () => {
  // A budget of about two chunks of tools rows: the third chunk evicts the first.
  svc = await startTestService({}, { analyticsMemoryBytes: 1024 * 1024 });
  token = await svc.token();
});
afterAll(async () => {
  await svc.close();
});

describe('analytics coverage', () => {
  it('is absent while the window holds the whole retention', async () => {
    const r = await postJson(`${svc.url}/v1/query`, { type: 'tools', range: '1h' }, token);
    expect(r.status).toBe(200);
    expect(r.body).not.toHaveProperty('coverage');
    const h = (await (await fetch(`${svc.url}/healthz`)).json()) as Record<string, unknown>;
    expect(h.warnings).toEqual([]);
  });

  it('is said by queries, /healthz and /metrics once the budget evicts rows', async () => {
    const t0 = Date.now() - 60_000;
    const total = 4 * CHUNK_ROWS;
    for (let sent = 0; sent < total; sent += 8192) {
      const events = Array.from({ length: 8192 }, (_, k) => ({ type: 'tools', ts: t0 + sent + k, tool: 't', status: 'ok', durationMs: k }));
      const r = await postJson(`${svc.url}/v1/events`, { events }, token);
      expect(r.status).toBe(202);
    }
    const q = await postJson(`${svc.url}/v1/query`, { type: 'tools', range: '1h', aggregations: [{ fn: 'count' }] }, token);
    expect(q.status).toBe(200);
    const body = q.body as { rows: { count: number }[]; coverage?: { from: number; to: number } };
    expect(body.coverage).toBeDefined();
    const cov = body.coverage as { from: number; to: number };
    expect(cov.from).toBeGreaterThan(t0);
    // The answer is complete from `from` on: every event stamped since is counted.
    const since = await postJson(`${svc.url}/v1/query`, { type: 'tools', range: { from: cov.from }, aggregations: [{ fn: 'count' }] }, token);
    expect((since.body as { rows: { count: number }[] }).rows[0]?.count).toBe(t0 + total - cov.from);
    expect(body.rows[0]?.count).toBeLessThan(total);

    const h = (await (await fetch(`${svc.url}/healthz`)).json()) as { status: string; warnings: string[]; analytics: { coverage: unknown; memoryBytes: number; memoryBudgetBytes: number } };
    expect(h.status).toBe('ok');
    expect(h.warnings.join('\n')).toMatch(/in-memory analytics window holds .* h of the retention/);
    expect(h.analytics.coverage).toMatchObject({ from: cov.from });
    expect(h.analytics.memoryBytes).toBeLessThanOrEqual(h.analytics.memoryBudgetBytes);

    const metrics = await (await fetch(`${svc.url}/metrics`)).text();
    expect(metrics).toContain(`m1_analytics_coverage_from_seconds ${Math.floor(cov.from / 1000)}`);
    expect(metrics).toMatch(/^m1_analytics_memory_budget_bytes 1048576$/m);
    expect(metrics).toMatch(/^m1_analytics_history_up -1$/m);
  });
});
