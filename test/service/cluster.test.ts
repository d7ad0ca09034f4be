// The service on its own Redis Cluster (3 primaries, 3 replicas, started by this file): the
// ingestion and live-stream suites, two instances as one service, revocations and /healthz, all
// through REDIS_CLUSTER_NODES. Before the hash-tagged key layout every POST answered 503 here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConnectivity } from '../../server/src/connectivity/index';
import { contextFor } from '../connectivity/context';
import { freePort } from '../support/ports';
import { RedisClusterProcess } from '../support/redis-cluster';
import { apiSuite } from './api-suite';
import { startTestService } from './harness';
import { uniquePrefix } from './redis-keys';
import { streamSuite } from './stream-suite';
import { topologySuite } from './topology-suite';

let cluster: RedisClusterProcess;
beforeAll(async () => {
  cluster = await RedisClusterProcess.start();
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
});

const env = (tag: string) => () => ({ REDIS_CLUSTER_NODES: cluster.nodesList, REDIS_KEY_PREFIX: uniquePrefix(tag) });
apiSuite('cluster', env('api'));
streamSuite('cluster', env('stream'));
topologySuite({ name: 'cluster', prefix: uniquePrefix('topo'), env: () => ({ REDIS_CLUSTER_NODES: cluster.nodesList }), topology: () => ({ kind: 'cluster', nodes: cluster.nodes, tls: false }) });

describe('a cluster spoken to as one server (REDIS_URL at a node)', () => {
  it('refuses to start, saying to use REDIS_CLUSTER_NODES (it used to run, answer 503 to every write and call itself healthy)', async () => {
    const err = await startTestService({ REDIS_URL: `redis://127.0.0.1:${cluster.ports[0] as number}`, REDIS_KEY_PREFIX: uniquePrefix('moved') }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toMatch(/Redis Cluster.*REDIS_CLUSTER_NODES/);
  });
});

describe('validate --connectivity on REDIS_CLUSTER_NODES', () => {
  it('reports nothing for the healthy cluster, and one refused finding for a node that is not there', async () => {
    expect(await checkConnectivity(contextFor({ REDIS_CLUSTER_NODES: cluster.nodesList }), { timeoutMs: 3000 })).toEqual([]);
    const dead = await freePort();
    const findings = await checkConnectivity(contextFor({ REDIS_CLUSTER_NODES: `${cluster.nodesList},127.0.0.1:${dead}` }), { timeoutMs: 3000 });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'unreachable', key: 'REDIS_CLUSTER_NODES' });
    expect(findings[0]?.message).toContain(`Redis Cluster node at 127.0.0.1:${dead} (REDIS_CLUSTER_NODES) is unreachable: connection refused`);
  });
});
