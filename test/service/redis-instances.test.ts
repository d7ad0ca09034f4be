// Several service instances on one real Redis: one history, one order. An event posted to one instance
// reaches every instance's live stream with the same id, queries on any instance see it, and an instance
// started later loads the retained history (analytics and replay buffer).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { postJson, startTestService, type TestService } from './harness';
import { deleteKeys, uniquePrefix } from './redis-keys';
import { openStream, rawIds } from './sse-client';

const redisUrl = inject('redisUrl');
const prefix = uniquePrefix('instances');
const env = { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix };

let a: TestService;
let b: TestService;
beforeAll(async () => {
  a = await startTestService(env);
  b = await startTestService(env);
});
afterAll(async () => {
  await a.close();
  await b.close();
  await deleteKeys(redisUrl, prefix);
});

describe('two instances on one Redis', () => {
  it("delivers an event posted to one instance to the other's stream, with the same ids in the same order", async () => {
    const onB = openStream(`${b.url}/v1/stream`, await b.token());
    const onA = openStream(`${a.url}/v1/stream`, await a.token());
    await onB.waitFor(() => onB.opens === 1, 'open B');
    await onA.waitFor(() => onA.opens === 1, 'open A');
    // Interleaved posts to both instances: one sequence, one order.
    for (let i = 0; i < 5; i++) {
      const target = i % 2 === 0 ? a : b;
      const r = await postJson(`${target.url}/v1/events`, { events: [{ type: 'policy', policy: `p${i}`, decision: 'allow', latencyMs: i }] }, await target.token());
      expect(r.status).toBe(202);
    }
    await onB.waitFor((r) => rawIds(r).length === 5, '5 events on B');
    await onA.waitFor((r) => rawIds(r).length === 5, '5 events on A');
    expect(onB.received).toEqual(onA.received);
    const ids = rawIds(onB.received);
    expect(ids).toEqual(Array.from({ length: 5 }, (_, i) => (ids[0] as number) + i));
    expect(onB.received.map((r) => (r.data as { policy: string }).policy)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
    onA.close();
    onB.close();
  });

  it('answers queries on either instance over events ingested on the other', async () => {
    const seenByB = b.delivered().count;
    const r = await postJson(`${a.url}/v1/events`, { events: [1, 2, 3].map((n) => ({ type: 'costs', amountUsd: n, model: 'm-x' })) }, await a.token());
    expect(r.status).toBe(202);
    await b.waitDelivered(seenByB + 3);
    const q = await postJson(
      `${b.url}/v1/query`,
      { type: 'costs', range: '1h', filters: [{ field: 'model', op: 'eq', value: 'm-x' }], aggregations: [{ fn: 'sum', field: 'amountUsd', as: 'usd' }] },
      await b.token(['analytics:read']),
    );
    expect(q.status).toBe(200);
    expect((q.body as { rows: unknown[] }).rows).toEqual([{ usd: 6 }]);
  });

  it('an instance started later loads the history: queries see it and Last-Event-ID replays from it', async () => {
    const before = a.delivered().latestSeq;
    const seenByA = a.delivered().count;
    const r = await postJson(`${a.url}/v1/events`, { events: [{ type: 'health', component: 'late', status: 'down' }] }, await a.token());
    expect(r.status).toBe(202);
    await a.waitDelivered(seenByA + 1);
    const c = await startTestService(env);
    try {
      expect(c.deps.feed.ring.latestSeq).toBe(before + 1); // loaded at start, before any subscription of the test
      const q = await postJson(`${c.url}/v1/query`, { type: 'health', groupBy: ['component', 'status'] }, await c.token());
      expect((q.body as { rows: unknown[] }).rows).toContainEqual({ component: 'late', status: 'down', count: 1 });
      const s = openStream(`${c.url}/v1/stream?lastEventId=${before}`, await c.token());
      await s.waitFor((x) => x.length >= 1, 'replay');
      expect(s.received[0]).toMatchObject({ event: 'health', id: String(before + 1) });
      s.close();
    } finally {
      await c.close();
    }
  });

  it('reports redis up in healthz', async () => {
    const h = (await (await fetch(`${b.url}/healthz`)).json()) as Record<string, unknown>;
    expect(h).toMatchObject({ status: 'ok', store: 'redis', redis: 'up' });
  });
});
