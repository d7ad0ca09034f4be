// A Redis stream trimmed below the retention (1,000,000 entries at more than ~12 events/s) is said: an
// instance that starts on it answers with `coverage` from the first entry it could read, instead of
// silently answering for a shorter window than the retention.
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { postJson, startTestService, type TestService } from './harness';
import { eventKeys } from '../../service/src/store/redis';
import { deleteKeys, uniquePrefix } from './redis-keys';

const redisUrl = inject('redisUrl');
const prefix = uniquePrefix('trim-cov');
const services: TestService[] = [];

afterAll(async () => {
  for (const s of services) await s.close();
  await deleteKeys(redisUrl, prefix);
});

describe('coverage of a trimmed Redis stream', () => {
  it('an instance starting on a stream trimmed within the retention says where its window starts', async () => {
    const env = { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix };
    const a = await startTestService(env);
    services.push(a);
    const token = await a.token();
    const events = Array.from({ length: 10 }, (_, k) => ({ type: 'tools', ts: Date.now() - 5000 + k, tool: 't', status: 'ok', durationMs: k }));
    for (const e of events) expect((await postJson(`${a.url}/v1/events`, e, token)).status).toBe(202);
    await a.waitDelivered(10);
    // The first instance received everything live: no coverage.
    expect(await postJson(`${a.url}/v1/query`, { type: 'tools' }, token)).toMatchObject({ status: 200, body: { rows: [{ count: 10 }] } });
    expect(((await postJson(`${a.url}/v1/query`, { type: 'tools' }, token)).body as Record<string, unknown>).coverage).toBeUndefined();

    // Trim as the MAXLEN cap does under load: only the last 4 entries stay.
    const r = new Redis(redisUrl);
    await r.xtrim(eventKeys(prefix).stream, 'MAXLEN', 4);
    const [first] = (await r.xrange(eventKeys(prefix).stream, '-', '+', 'COUNT', 1)) as [string, string[]][];
    await r.quit();
    const firstMs = Number((first as [string, string[]])[0].split('-')[0]);

    const b = await startTestService(env);
    services.push(b);
    const res = (await postJson(`${b.url}/v1/query`, { type: 'tools' }, token)).body as { rows: { count: number }[]; coverage?: { from: number } };
    expect(res.rows).toEqual([{ count: 4 }]);
    expect(res.coverage?.from).toBe(firstMs);
    const h = (await (await fetch(`${b.url}/healthz`)).json()) as { warnings: string[] };
    expect(h.warnings.join(' ')).toMatch(/of the retention/);
  });
});
