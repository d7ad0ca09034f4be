// The service on a Redis topology (standalone, Cluster, Sentinel): two instances on it must behave
// as one service. Run by cluster.test.ts and sentinel.test.ts next to the ingestion and live-stream
// suites: SSE delivery across instances (exactly once, one order), revocation propagation from one
// instance to the other's cache, the library checker on the same topology, and a /healthz that has
// really written and read.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRevocationChecker, type RedisTopology } from '../../service/src/revocation/index';
import type { RedisRevocationStore } from '../../service/src/revocation/redis-store';
import { appToken, post } from '../revocation/api-client';
import { postJson, startTestService, type TestService } from './harness';
import { openStream, rawIds } from './sse-client';

export interface TopologyUnderTest {
  name: string;
  env: () => Record<string, string>;
  topology: () => RedisTopology;
  prefix: string;
}

/** Resolves when `svc`'s revocation feed delivers a revocation of `jti` (the pub/sub message arrived). */
function feedDelivers(svc: TestService, jti: string): Promise<void> {
  return new Promise((resolve) => {
    const off = svc.app.revocation.store.subscribe({
      revoked: (j) => {
        if (j === jti) {
          off();
          resolve();
        }
      },
      notBefore: () => undefined,
      reset: () => undefined,
      down: () => undefined,
    });
  });
}

export function topologySuite(t: TopologyUnderTest): void {
  describe(`two instances on ${t.name}`, () => {
    let a: TestService;
    let b: TestService;
    beforeAll(async () => {
      const env = { REDIS_KEY_PREFIX: t.prefix, LOG_LEVEL: 'warn', ...t.env() };
      [a, b] = await Promise.all([startTestService({ ...env, M1_INSTANCE_ID: 'a' }), startTestService({ ...env, M1_INSTANCE_ID: 'b' })]);
      await Promise.all([a, b].map((s) => (s.app.revocation.store as RedisRevocationStore).ready()));
    });
    afterAll(async () => {
      await Promise.all([a?.close(), b?.close()]);
    });

    it('every event posted to either instance reaches every stream once, in one order', async () => {
      const streams = [openStream(`${a.url}/v1/stream`, await a.token()), openStream(`${b.url}/v1/stream`, await b.token())];
      for (const s of streams) await s.waitFor(() => s.opens === 1, 'stream open');
      const N = 40;
      const posts = Array.from({ length: N }, async (_, i) => {
        const target = i % 2 === 0 ? a : b;
        const r = await postJson(`${target.url}/v1/events`, { type: 'tools', tool: `t${i}`, status: 'ok', durationMs: i }, await target.token());
        expect(r.status).toBe(202);
      });
      await Promise.all(posts);
      for (const s of streams) await s.waitFor((r) => rawIds(r).length >= N, `${N} events`);
      const [onA, onB] = streams.map((s) => s.received) as [typeof streams[0]['received'], typeof streams[0]['received']];
      expect(onA).toEqual(onB);
      const ids = rawIds(onA);
      expect(ids).toEqual(Array.from({ length: N }, (_, i) => (ids[0] as number) + i));
      expect(new Set(onA.map((r) => (r.data as { tool: string }).tool)).size).toBe(N);
      for (const s of streams) s.close();
    });

    it('a revocation made on A reaches B: B stops admitting the token it had cached as active', async () => {
      const admin = await a.token();
      const jti = randomUUID();
      const token = await appToken({ jti, sub: 'topo-user' });
      expect((await post(`${b.url}/v1/tokens/introspect`, admin, { token })).body).toMatchObject({ active: true });
      const delivered = feedDelivers(b, jti);
      expect((await post(`${a.url}/v1/tokens/revoke`, admin, { token, reason: 'topology test' })).status).toBe(200);
      await delivered;
      expect((await post(`${b.url}/v1/tokens/introspect`, admin, { token })).body).toMatchObject({ active: false });
    });

    it('revocation records spread over slots; a batch of checks over many slots answers each one', async () => {
      const admin = await a.token();
      const jtis = Array.from({ length: 12 }, () => randomUUID());
      for (const jti of jtis.slice(0, 6)) expect((await post(`${a.url}/v1/tokens/revoke`, admin, { jti, exp: Math.floor(Date.now() / 1000) + 600 })).status).toBe(200);
      // A fresh library checker (no cache): 12 concurrent checks go out as one batch (one MGET per slot on a cluster).
      const lib = await createRevocationChecker({ redis: t.topology(), keyPrefix: t.prefix, cacheTtlS: 1, deniedAudit: false });
      try {
        const outcomes = await Promise.all(jtis.map((jti) => lib.check({ jti, exp: Math.floor(Date.now() / 1000) + 600 })));
        expect(outcomes).toEqual([...jtis.slice(0, 6).map(() => 'revoked'), ...jtis.slice(6).map(() => 'allowed')]);
      } finally {
        await lib.close();
      }
    });

    it('/healthz is ok only after a real write and read, and names each part', async () => {
      const h = (await (await fetch(`${a.url}/healthz`)).json()) as Record<string, unknown>;
      expect(h).toMatchObject({ status: 'ok', store: 'redis', redis: 'up', topology: t.name.split(' ')[0], checks: { events: 'up', revocation: 'up', invalidation: 'up' }, down: [] });
    });
  });
}
