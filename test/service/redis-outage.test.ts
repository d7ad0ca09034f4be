// Redis going away and coming back (a private redis-server, never the shared one): ingestion answers 503
// with nothing stored, /healthz says degraded, and once Redis is back events flow to the stream again
// (after a `reset`: this Redis lost its data, so the id sequence started over).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startRedisServer, type RedisProcess } from '../support/redis-server';
import { postJson, startTestService, type TestService } from './harness';
import { openStream, rawIds } from './sse-client';

let redis: RedisProcess;
let svc: TestService;
beforeAll(async () => {
  redis = await startRedisServer();
  svc = await startTestService({ REDIS_URL: redis.url, REDIS_KEY_PREFIX: 't:outage:', REDIS_COMMAND_TIMEOUT_MS: '200' });
});
afterAll(async () => {
  await svc.close();
  await redis.stop();
});

it('answers 503 while Redis is down, reports degraded, and recovers', async () => {
  const token = await svc.token();
  const stream = openStream(`${svc.url}/v1/stream?types=costs`, token);
  await stream.waitFor(() => stream.opens === 1, 'open');
  const ok = await postJson(`${svc.url}/v1/events`, { type: 'costs', amountUsd: 1 }, token);
  expect(ok.status).toBe(202);
  await stream.waitFor((r) => rawIds(r).length === 1, 'first event');

  await redis.stop();
  const down = await postJson(`${svc.url}/v1/events`, { type: 'costs', amountUsd: 2 }, token);
  expect(down.status).toBe(503);
  expect(down.body).toMatchObject({ error: { code: 'store_unavailable' } });
  const health = (await (await fetch(`${svc.url}/healthz`)).json()) as Record<string, unknown>;
  expect(health).toMatchObject({ status: 'degraded', store: 'redis', redis: 'down' });
  expect(svc.deps.metrics.render()).toMatch(/m1_store_errors_total\{op="append"\} [1-9]/);

  await redis.restart();
  // The command connection reconnects by itself; retry until it is back (each attempt is a real request).
  let status = 0;
  for (let i = 0; i < 100 && status !== 202; i++) {
    const conn = svc.deps.redis;
    if (conn && conn.status !== 'ready') await new Promise<void>((resolve) => conn.once('ready', () => resolve()));
    status = (await postJson(`${svc.url}/v1/events`, { type: 'costs', amountUsd: 3 }, token)).status;
  }
  expect(status).toBe(202);
  await stream.waitFor((r) => r.some((x) => (x.data as { amountUsd?: number }).amountUsd === 3), 'the event after recovery', 30_000);
  // This Redis keeps nothing across a restart: the id sequence starts over, which the feed reports as a gap.
  expect(stream.received.map((r) => r.event)).toEqual(['costs', 'reset', 'costs']);
  expect(stream.received[1]?.data).toMatchObject({ reason: 'gap' });
  expect(stream.received[2]?.data).toMatchObject({ amountUsd: 3 });
  stream.close();
});
