import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { redisErrorKind, NotReplicatedError } from './errors';
import { topologyFromEnv } from './from-env';
import { describeTopology, parseEndpoints } from './topology';

describe('topologyFromEnv', () => {
  it('builds each topology', () => {
    expect(topologyFromEnv({ REDIS_URL: 'redis://a:1', REDIS_TLS: false }).topology).toEqual({ kind: 'standalone', url: 'redis://a:1' });
    expect(topologyFromEnv({ REDIS_CLUSTER_NODES: 'a:7000, [::1]:7001,b', REDIS_PASSWORD: 'pw', REDIS_TLS: true }).topology).toEqual({
      kind: 'cluster',
      nodes: [{ host: 'a', port: 7000 }, { host: '::1', port: 7001 }, { host: 'b', port: 6379 }],
      password: 'pw',
      tls: true,
    });
    expect(topologyFromEnv({ REDIS_SENTINELS: 's1,s2:26380', REDIS_SENTINEL_MASTER: 'mm', REDIS_SENTINEL_PASSWORD: 'sp', REDIS_TLS: false }).topology).toEqual({
      kind: 'sentinel',
      sentinels: [{ host: 's1', port: 26379 }, { host: 's2', port: 26380 }],
      master: 'mm',
      sentinelPassword: 'sp',
      tls: false,
    });
    expect(topologyFromEnv({ REDIS_TLS: false })).toEqual({ topology: null, issues: [] });
  });

  it('refuses two topologies, a sentinel set without its master, bad lists, and stray credentials, naming variables only', () => {
    expect(topologyFromEnv({ REDIS_URL: 'redis://a', REDIS_SENTINELS: 's', REDIS_TLS: false }).issues[0]).toMatchObject({ variable: 'REDIS_SENTINELS' });
    expect(topologyFromEnv({ REDIS_SENTINELS: 's', REDIS_TLS: false }).issues[0]).toMatchObject({ variable: 'REDIS_SENTINEL_MASTER' });
    expect(topologyFromEnv({ REDIS_CLUSTER_NODES: 'a:1,http://b', REDIS_TLS: false }).issues[0]).toEqual({ variable: 'REDIS_CLUSTER_NODES', message: 'entry 2 is not host:port' });
    const stray = topologyFromEnv({ REDIS_URL: 'redis://a', REDIS_PASSWORD: 'hunter2-secret', REDIS_TLS: false });
    expect(stray.issues[0]).toMatchObject({ variable: 'REDIS_PASSWORD' });
    expect(JSON.stringify(stray.issues)).not.toContain('hunter2-secret');
  });

  it('reaches loadConfig: min replicas default by topology, errors as ConfigError', () => {
    expect(loadConfig({ REDIS_CLUSTER_NODES: 'a:1' }).redisRevocationMinReplicas).toBe(1);
    expect(loadConfig({ REDIS_URL: 'redis://a' })).toMatchObject({ redisRevocationMinReplicas: 0, redisUrl: 'redis://a', redis: { kind: 'standalone' } });
    expect(loadConfig({ REDIS_SENTINELS: 's', REDIS_SENTINEL_MASTER: 'm', REDIS_REVOCATION_MIN_REPLICAS: '0' })).toMatchObject({ redisRevocationMinReplicas: 0, redisUrl: null });
    expect(() => loadConfig({ REDIS_URL: 'redis://a', REDIS_CLUSTER_NODES: 'b:1' })).toThrow(/one Redis topology at a time/);
  });

  it('describes a topology without credentials', () => {
    expect(describeTopology({ kind: 'standalone', url: 'redis://:pw@h:7' })).toBe('standalone h:7');
    expect(describeTopology({ kind: 'cluster', nodes: parseEndpoints('a:1', 6379), password: 'pw', tls: false })).toBe('cluster of a:1');
  });
});

describe('redisErrorKind', () => {
  it.each([
    ['MOVED 3999 127.0.0.1:6381', 'moved'],
    ['ASK 3999 127.0.0.1:6381', 'ask'],
    ["CROSSSLOT Keys in request don't hash to the same slot", 'crossslot'],
    ["READONLY You can't write against a read only replica.", 'readonly'],
    ['CLUSTERDOWN The cluster is down', 'clusterdown'],
    ['NOREPLICAS Not enough good replicas to write.', 'noreplicas'],
    ['Command timed out', 'timeout'],
    ['Connection is closed.', 'connection'],
    ['ERR unknown command', 'other'],
  ])('%s → %s', (message, kind) => expect(redisErrorKind(new Error(message))).toBe(kind));
  it('counts an unreplicated write as noreplicas', () => expect(redisErrorKind(new NotReplicatedError(1, 0))).toBe('noreplicas'));
});
