// The service behind its own Sentinel set (a primary, a replica, three sentinels, started by this
// file): the ingestion and live-stream suites, two instances as one service, revocations (each
// acknowledged only once the replica holds it) and /healthz, all through REDIS_SENTINELS.
import { afterAll, beforeAll } from 'vitest';
import { RedisSentinelSet, SENTINEL_MASTER } from '../support/redis-sentinel';
import { apiSuite } from './api-suite';
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
