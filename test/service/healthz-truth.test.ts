// /healthz tells the truth: on a Redis that answers PING but refuses writes (min-replicas-to-write
// with no replica: every write is NOREPLICAS, the connection stays "ready"), /healthz is degraded
// and names the parts, at once after a failed write and within a probe period without traffic;
// /metrics counts the errors by kind; and it says ok again once writes work, with no restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisProcess } from '../support/redis-server';
import { nodeCommand, waitUntil } from '../support/redis-cluster';
import { postJson, startTestService, type TestService } from './harness';
import { uniquePrefix } from './redis-keys';

let redis: RedisProcess;
let svc: TestService;
beforeAll(async () => {
  redis = await startRedisServer();
  svc = await startTestService({ REDIS_URL: redis.url, REDIS_KEY_PREFIX: uniquePrefix('health'), LOG_LEVEL: 'warn' });
});
afterAll(async () => {
  await svc?.close();
  await redis?.stop();
});

const health = async (): Promise<Record<string, unknown>> => (await (await fetch(`${svc.url}/healthz`)).json()) as Record<string, unknown>;

describe('/healthz on a Redis that answers but cannot write', () => {
  it('is ok while writes work', async () => {
    expect(await health()).toMatchObject({ status: 'ok', redis: 'up', topology: 'standalone', checks: { events: 'up', revocation: 'up', invalidation: 'up' }, down: [] });
  });

  it('is degraded right after a failed write, naming the events part', async () => {
    await nodeCommand(redis.port, 'CONFIG', 'SET', 'min-replicas-to-write', '1');
    const r = await postJson(`${svc.url}/v1/events`, { type: 'costs', amountUsd: 1 }, await svc.token());
    expect(r.status).toBe(503);
    const h = await health();
    expect(h).toMatchObject({ status: 'degraded', redis: 'down', checks: { events: 'down' } });
    expect(h.down).toContain('events');
    expect(svc.deps.metrics.render()).toMatch(/m1_redis_errors_total\{part="events",kind="noreplicas"\} [1-9]/);
  });

  it('turns degraded by its own probe without any traffic, revocation part included', async () => {
    await waitUntil(async () => {
      const h = await health();
      return h.status === 'degraded' && (h.down as string[]).includes('revocation') && (h.down as string[]).includes('events');
    }, 'the probe to find writes failing', 10_000, 100);
  });

  it('says ok again once writes work, without a restart', async () => {
    await nodeCommand(redis.port, 'CONFIG', 'SET', 'min-replicas-to-write', '0');
    await waitUntil(async () => (await health()).status === 'ok', 'healthz ok again', 10_000, 100);
    expect((await postJson(`${svc.url}/v1/events`, { type: 'costs', amountUsd: 2 }, await svc.token())).status).toBe(202);
  });
});
