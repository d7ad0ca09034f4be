// The service behind its own Sentinel set (a primary, a replica, three sentinels, started by this
// file): the ingestion and live-stream suites, two instances as one service, revocations (each
// acknowledged only once the replica holds it) and /healthz, all through REDIS_SENTINELS.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConnectivity } from '../../server/src/connectivity/index';
import { contextFor } from '../connectivity/context';
import { get, post } from '../revocation/api-client';
import { RedisSentinelSet, SENTINEL_MASTER } from '../support/redis-sentinel';
import { apiSuite } from './api-suite';
import { startTestService } from './harness';
import { uniquePrefix } from './redis-keys';
import { streamSuite } from './stream-suite';
import { topologySuite } from './topology-suite';

let set: RedisSentinelSet;
beforeAll(async () => {
  set = await RedisSentinelSet.start();
}, 120_000);
afterAll(async () => {
  await set?.stop();
});

const base = () => ({ REDIS_SENTINELS: set.sentinelsList, REDIS_SENTINEL_MASTER: SENTINEL_MASTER });
apiSuite('sentinel', () => ({ ...base(), REDIS_KEY_PREFIX: uniquePrefix('api') }));
streamSuite('sentinel', () => ({ ...base(), REDIS_KEY_PREFIX: uniquePrefix('stream') }));
topologySuite({
  name: 'sentinel',
  prefix: uniquePrefix('topo'),
  env: base,
  topology: () => ({ kind: 'sentinel', sentinels: set.sentinels, master: SENTINEL_MASTER, tls: false }),
});

describe('acknowledged only once replicated', () => {
  it('with more replicas required than exist, a revocation answers 503 (not acknowledged), though the primary enforces it', async () => {
    const svc = await startTestService({ ...base(), REDIS_KEY_PREFIX: uniquePrefix('wait'), REDIS_REVOCATION_MIN_REPLICAS: '2', LOG_LEVEL: 'warn' });
    try {
      const admin = await svc.token();
      const jti = randomUUID();
      const r = await post(`${svc.url}/v1/tokens/revoke`, admin, { jti, exp: Math.floor(Date.now() / 1000) + 600 });
      expect(r.status).toBe(503);
      expect(r.body).toMatchObject({ error: { code: 'store_unavailable', message: expect.stringContaining('REDIS_REVOCATION_MIN_REPLICAS') as unknown } });
      expect((await get(`${svc.url}/v1/tokens/${jti}`, admin)).body).toMatchObject({ revoked: true });
      expect(svc.deps.metrics.render()).toMatch(/m1_redis_errors_total\{part="revocation",kind="noreplicas"\} [1-9]/);
    } finally {
      await svc.close();
    }
  });
});

describe('validate --connectivity on REDIS_SENTINELS', () => {
  it('reports nothing for the running set, and names a master name the sentinels do not monitor', async () => {
    expect(await checkConnectivity(contextFor(base()), { timeoutMs: 3000 })).toEqual([]);
    const findings = await checkConnectivity(contextFor({ ...base(), REDIS_SENTINEL_MASTER: 'nosuchprimary' }), { timeoutMs: 3000 });
    expect(findings).toHaveLength(3);
    expect(findings[0]?.message).toContain('monitors no primary named "nosuchprimary"');
  });
});
