// The topology from the service's variables (already parsed by config.ts): REDIS_URL,
// REDIS_CLUSTER_NODES or REDIS_SENTINELS + REDIS_SENTINEL_MASTER, exactly one of them, with
// REDIS_USERNAME / REDIS_PASSWORD / REDIS_TLS for cluster nodes and Sentinel-managed servers and
// REDIS_SENTINEL_PASSWORD for the sentinels themselves. Problems are returned as issues naming the
// variable (never its value).
import { parseEndpoints, type RedisTopology } from './topology';

export interface RedisEnv {
  REDIS_URL?: string | undefined;
  REDIS_CLUSTER_NODES?: string | undefined;
  REDIS_SENTINELS?: string | undefined;
  REDIS_SENTINEL_MASTER?: string | undefined;
  REDIS_USERNAME?: string | undefined;
  REDIS_PASSWORD?: string | undefined;
  REDIS_SENTINEL_PASSWORD?: string | undefined;
  REDIS_TLS: boolean;
}

export type TopologyResult = { topology: RedisTopology | null; issues: { variable: string; message: string }[] };

export function topologyFromEnv(e: RedisEnv): TopologyResult {
  const issues: TopologyResult['issues'] = [];
  const set = (['REDIS_URL', 'REDIS_CLUSTER_NODES', 'REDIS_SENTINELS'] as const).filter((k) => e[k] !== undefined);
  if (set.length > 1) {
    return { topology: null, issues: [{ variable: set[1] as string, message: `only one Redis topology at a time: ${set.join(' and ')} are both set` }] };
  }
  const auth = {
    ...(e.REDIS_USERNAME !== undefined ? { username: e.REDIS_USERNAME } : {}),
    ...(e.REDIS_PASSWORD !== undefined ? { password: e.REDIS_PASSWORD } : {}),
    tls: e.REDIS_TLS,
  };
  if (e.REDIS_URL !== undefined) {
    for (const k of ['REDIS_USERNAME', 'REDIS_PASSWORD', 'REDIS_SENTINEL_MASTER', 'REDIS_SENTINEL_PASSWORD'] as const) {
      if (e[k] !== undefined) issues.push({ variable: k, message: 'is for REDIS_CLUSTER_NODES or REDIS_SENTINELS; with REDIS_URL put credentials in the URL' });
    }
    if (e.REDIS_TLS) issues.push({ variable: 'REDIS_TLS', message: 'with REDIS_URL use the rediss:// scheme instead' });
    return { topology: issues.length ? null : { kind: 'standalone', url: e.REDIS_URL }, issues };
  }
  if (e.REDIS_CLUSTER_NODES !== undefined) {
    if (e.REDIS_SENTINEL_MASTER !== undefined) issues.push({ variable: 'REDIS_SENTINEL_MASTER', message: 'is for REDIS_SENTINELS, not a cluster' });
    try {
      const nodes = parseEndpoints(e.REDIS_CLUSTER_NODES, 6379);
      return { topology: issues.length ? null : { kind: 'cluster', nodes, ...auth }, issues };
    } catch (err) {
      return { topology: null, issues: [...issues, { variable: 'REDIS_CLUSTER_NODES', message: (err as Error).message }] };
    }
  }
  if (e.REDIS_SENTINELS !== undefined) {
    if (e.REDIS_SENTINEL_MASTER === undefined) issues.push({ variable: 'REDIS_SENTINEL_MASTER', message: 'is required with REDIS_SENTINELS (the name the sentinels monitor)' });
    try {
      const sentinels = parseEndpoints(e.REDIS_SENTINELS, 26379);
      if (issues.length) return { topology: null, issues };
      return {
        topology: {
          kind: 'sentinel',
          sentinels,
          master: e.REDIS_SENTINEL_MASTER as string,
          ...(e.REDIS_SENTINEL_PASSWORD !== undefined ? { sentinelPassword: e.REDIS_SENTINEL_PASSWORD } : {}),
          ...auth,
        },
        issues,
      };
    } catch (err) {
      return { topology: null, issues: [...issues, { variable: 'REDIS_SENTINELS', message: (err as Error).message }] };
    }
  }
  for (const k of ['REDIS_USERNAME', 'REDIS_PASSWORD', 'REDIS_SENTINEL_MASTER', 'REDIS_SENTINEL_PASSWORD'] as const) {
    if (e[k] !== undefined) issues.push({ variable: k, message: 'is set but no Redis is configured (REDIS_URL, REDIS_CLUSTER_NODES or REDIS_SENTINELS)' });
  }
  return { topology: null, issues };
}
