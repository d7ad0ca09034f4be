// Ingestion and the query DSL over HTTP, with the bad inputs of service.md, run on both stores
// (api.embedded.test.ts, api.redis.test.ts). After every bad request the service keeps serving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, startTestService, type TestService } from './harness';

interface ErrorBody {
  error: { code: string; message: string; issues: { path: string; message: string; index?: number }[] };
}

export function apiSuite(name: string, env: () => Record<string, string>): void {
  describe(`ingestion and queries (${name} store)`, () => {
    let svc: TestService;
    let writer: string;
    let reader: string;
    let posted = 0;
    const events = async (body: unknown, raw?: string) => postJson(`${svc.url}/v1/events`, body, writer, raw);
    const ingest = async (list: unknown[]) => {
      const r = await events({ events: list });
      expect(r.status).toBe(202);
      expect(r.body).toEqual({ accepted: list.length });
      posted += list.length;
      await svc.waitDelivered(posted);
    };
    const query = async (q: unknown) => postJson(`${svc.url}/v1/query`, q, reader);
    const stillServing = async () => {
      const r = await query({ type: 'tools', range: '1h' });
      expect(r.status).toBe(200);
    };

    beforeAll(async () => {
      svc = await startTestService(env());
      writer = await svc.token(['events:write']);
      reader = await svc.token(['analytics:read']);
    });
    afterAll(async () => {
      await svc.close();
    });

    describe('POST /v1/events', () => {
      it('accepts one event, a batch, and the three timestamp forms', async () => {
        const before = Date.now();
        const single = await events({ type: 'cache', op: 'hit', latencyMs: 1.5, key: 'k' });
        expect(single.status).toBe(202);
        expect(single.body).toEqual({ accepted: 1 });
        posted += 1;
        await ingest([
          { type: 'health', component: 'epoch', status: 'up', ts: 1_900_000_000_000 },
          { type: 'health', component: 'iso', status: 'up', ts: '2030-03-01T12:00:00.000+01:00' },
          { type: 'health', component: 'server', status: 'up' },
        ]);
        const r = await query({ type: 'health', range: { from: 0, to: 4_000_000_000_000 }, groupBy: ['component'], aggregations: [{ fn: 'min', field: 'ts', as: 'ts' }] });
        const rows = (r.body as { rows: { component: string; ts: number }[] }).rows;
        expect(rows.find((x) => x.component === 'epoch')?.ts).toBe(1_900_000_000_000);
        expect(rows.find((x) => x.component === 'iso')?.ts).toBe(Date.parse('2030-03-01T11:00:00Z'));
        const server = rows.find((x) => x.component === 'server')?.ts as number;
        expect(server).toBeGreaterThanOrEqual(before);
        expect(server).toBeLessThanOrEqual(Date.now());
      });

      it('400s wrong types and unknown event types, naming the fields', async () => {
        const wrong = await events({ type: 'tools', tool: 'x', status: 'ok', durationMs: 'slow' });
        expect(wrong.status).toBe(400);
        expect((wrong.body as ErrorBody).error.issues).toContainEqual(expect.objectContaining({ path: 'durationMs' }));
        const unknown = await events({ type: 'weather', celsius: 3 });
        expect(unknown.status).toBe(400);
        expect((unknown.body as ErrorBody).error.code).toBe('invalid_event');
        expect((unknown.body as ErrorBody).error.issues[0]?.path).toBe('type');
        const badEnum = await events({ type: 'errors', code: 'E', message: 'm', severity: 'apocalyptic' });
        expect(badEnum.status).toBe(400);
        expect((badEnum.body as ErrorBody).error.issues[0]?.path).toBe('severity');
        const notObject = await events([1, 2]);
        expect(notObject.status).toBe(400);
        await stillServing();
      });

      it('rejects a 10,000-item batch with one bad item as a whole, naming its index', async () => {
        const batch = Array.from({ length: 10_000 }, (_, i) => ({ type: 'tools', tool: 'batch-tool', status: 'ok', durationMs: i }));
        batch[4321] = { type: 'tools', tool: 'batch-tool', status: 'exploded', durationMs: 1 };
        const r = await events({ events: batch });
        expect(r.status).toBe(400);
        const body = r.body as ErrorBody;
        expect(body.error.code).toBe('invalid_batch');
        expect(body.error.message).toContain('4321');
        expect(body.error.issues).toEqual([expect.objectContaining({ path: 'events[4321].status', index: 4321 })]);
        const q = await query({ type: 'tools', filters: [{ field: 'tool', op: 'eq', value: 'batch-tool' }] });
        expect((q.body as { rows: unknown[] }).rows).toEqual([]); // nothing of the batch was stored
        batch[4321] = { type: 'tools', tool: 'batch-tool', status: 'ok', durationMs: 4321 };
        await ingest(batch);
        const q2 = await query({ type: 'tools', filters: [{ field: 'tool', op: 'eq', value: 'batch-tool' }] });
        expect((q2.body as { rows: unknown[] }).rows).toEqual([{ count: 10_000 }]);
      });

      it('400s more than 10,000 events and 413s a body over 1 MiB', async () => {
        const tooMany = await events({ events: Array.from({ length: 10_001 }, () => ({ type: 'costs', amountUsd: 1 })) });
        expect(tooMany.status).toBe(400);
        expect((tooMany.body as ErrorBody).error.issues[0]).toMatchObject({ path: 'events', message: 'at most 10000 events per batch' });
        const huge = await events(null, JSON.stringify({ type: 'errors', code: 'E', severity: 'low', message: 'm'.repeat(1024 * 1024) }));
        expect(huge.status).toBe(413);
        expect((huge.body as ErrorBody).error.code).toBe('body_too_large');
        await stillServing();
      });

      it('400s malformed JSON and 415s a body that is not JSON', async () => {
        const bad = await events(null, '{"type":');
        expect(bad.status).toBe(400);
        expect((bad.body as ErrorBody).error.code).toBe('invalid_json');
        const text = await fetch(`${svc.url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/xml', authorization: `Bearer ${writer}` }, body: '<e/>' });
        expect(text.status).toBe(415);
        expect(((await text.json()) as ErrorBody).error.code).toBe('unsupported_media_type');
        await stillServing();
      });
    });

    describe('POST /v1/query', () => {
      // At second 20 of a minute, not after the real clock: each minute's 10 events (seconds 20–29) then
      // stay inside one 1-minute bucket whatever the time the suite runs (else the spike could
      // straddle two buckets and show as two anomalies).
      const now = Math.floor((Date.now() - 20_000) / 60_000) * 60_000 + 20_000;
      beforeAll(async () => {
        // 30 one-minute buckets of `tools` for two tools; "slow" doubles its latency in the last bucket.
        const list: unknown[] = [];
        for (let m = 30; m >= 1; m--) {
          for (let k = 0; k < 10; k++) {
            const ts = now - m * 60_000 + k * 1000;
            list.push({ type: 'tools', tool: 'steady', status: k === 0 ? 'error' : 'ok', durationMs: 100 + k, ts, tags: { region: k % 2 ? 'eu' : 'us' } });
            list.push({ type: 'tools', tool: 'slow', status: 'ok', durationMs: (m === 1 ? 1000 : 200) + k, ts });
          }
        }
        await ingest(list);
      });

      it('groups, buckets, aggregates, orders and pages', async () => {
        const base = {
          type: 'tools',
          range: { from: now - 31 * 60_000, to: now },
          groupBy: ['tool'],
          aggregations: [{ fn: 'count', as: 'n' }, { fn: 'p50', field: 'durationMs' }, { fn: 'percentile', field: 'durationMs', p: 99.9, as: 'p999' }, { fn: 'rate' }],
          orderBy: { field: 'p999', dir: 'desc' },
        };
        const r = await query(base);
        expect(r.status).toBe(200);
        const body = r.body as { rows: Record<string, unknown>[]; nextCursor: string | null; stats: { scanned: number; tookMs: number } };
        expect(body.rows.map((x) => x.tool)).toEqual(['slow', 'steady']);
        expect(body.rows[1]).toMatchObject({ tool: 'steady', n: 300, p50_durationMs: 104.5 });
        expect(body.rows[1]?.rate).toBeCloseTo(300 / (31 * 60), 9);
        expect(body.stats.scanned).toBeGreaterThanOrEqual(600);
        const page1 = await query({ ...base, limit: 1 });
        const p1 = page1.body as { rows: { tool: string }[]; nextCursor: string };
        expect(p1.rows.map((x) => x.tool)).toEqual(['slow']);
        const page2 = await query({ ...base, limit: 1, cursor: p1.nextCursor });
        expect((page2.body as { rows: { tool: string }[]; nextCursor: string | null }).rows.map((x) => x.tool)).toEqual(['steady']);
        expect((page2.body as { nextCursor: string | null }).nextCursor).toBeNull();
        const foreign = await query({ ...base, groupBy: [], orderBy: undefined, cursor: p1.nextCursor });
        expect(foreign.status).toBe(400);
        expect((foreign.body as ErrorBody).error.code).toBe('invalid_cursor');
      });

      it('filters on tags and returns series with anomalies and trend', async () => {
        const r = await query({
          type: 'tools',
          range: { from: now - 31 * 60_000, to: now - 60_000 + 30_000 },
          filters: [{ field: 'tool', op: 'in', value: ['slow'] }],
          interval: '1m',
          aggregations: [{ fn: 'avg', field: 'durationMs', as: 'avg' }],
          analysis: ['anomalies', { kind: 'trend', window: 3 }],
        });
        expect(r.status).toBe(200);
        const s = (r.body as { series: { metric: string; points: { value: number | null }[]; anomalies: { bucket: number; z: number | null }[]; trend: { direction: string } }[] }).series;
        expect(s).toHaveLength(1);
        expect(s[0]?.metric).toBe('avg');
        expect(s[0]?.anomalies.map((a) => a.bucket)).toEqual([Math.floor((now - 60_000) / 60_000) * 60_000]);
        expect(s[0]?.trend.direction).toBe('up');
        const tags = await query({ type: 'tools', range: '1h', filters: [{ field: 'tags.region', op: 'eq', value: 'eu' }], aggregations: [{ fn: 'count' }] });
        expect((tags.body as { rows: unknown[] }).rows).toEqual([{ count: 150 }]);
      });

      it.each([
        ['unknown field', { type: 'tools', filters: [{ field: 'nope', op: 'eq', value: 1 }] }, 'filters[0].field', /unknown field "nope"/],
        ['unknown op', { type: 'tools', filters: [{ field: 'tool', op: 'like', value: 'x' }] }, 'filters[0].op', /./],
        ['unknown fn', { type: 'tools', aggregations: [{ fn: 'median', field: 'durationMs' }] }, 'aggregations[0].fn', /./],
        ['percentile 0', { type: 'tools', aggregations: [{ fn: 'percentile', field: 'durationMs', p: 0 }] }, 'aggregations[0].p', /\(0, 100\]/],
        ['percentile 101', { type: 'tools', aggregations: [{ fn: 'percentile', field: 'durationMs', p: 101 }] }, 'aggregations[0].p', /\(0, 100\]/],
        ['impossible range', { type: 'tools', range: { from: '2030-01-02T00:00:00Z', to: '2030-01-01T00:00:00Z' } }, 'range.from', /impossible range/],
        ['zero duration', { type: 'tools', range: '0m' }, 'range', /greater than 0/],
        ['limit over 10,000', { type: 'tools', limit: 10_001 }, 'limit', /at most 10000/],
        ['analysis without interval', { type: 'tools', analysis: ['trend'] }, 'analysis', /interval/],
        ['string comparison', { type: 'tools', filters: [{ field: 'tool', op: 'gt', value: 'a' }] }, 'filters[0].op', /numeric field/],
        ['unknown type', { type: 'weather' }, 'type', /./],
        ['sum of a string field', { type: 'tools', aggregations: [{ fn: 'sum', field: 'tool' }] }, 'aggregations[0].field', /numeric field/],
      ])('400s %s with the field named', async (_label, q, path, message) => {
        const r = await query(q);
        expect(r.status).toBe(400);
        const body = r.body as ErrorBody;
        expect(body.error.code).toBe('invalid_query');
        const issue = body.error.issues.find((i) => i.path === path);
        expect(issue, JSON.stringify(body.error.issues)).toBeDefined();
        expect(issue?.message).toMatch(message);
      });

      it('400s too many buckets and a garbage cursor, and keeps serving', async () => {
        const big = await query({ type: 'tools', range: { from: now, to: now + 200_000_000 }, interval: '1s' });
        expect(big.status).toBe(400);
        expect((big.body as ErrorBody).error.code).toBe('query_too_large');
        const cursor = await query({ type: 'tools', cursor: 'garbage' });
        expect(cursor.status).toBe(400);
        expect((cursor.body as ErrorBody).error.code).toBe('invalid_cursor');
        await stillServing();
      });
    });
  });
}
