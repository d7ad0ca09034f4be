// Which Redis the service uses: one standalone server (REDIS_URL), a Redis Cluster
// (REDIS_CLUSTER_NODES) or a primary with replicas behind Sentinel (REDIS_SENTINELS +
// REDIS_SENTINEL_MASTER). Plain data, parsed once from the configuration; connect.ts turns it into
// ioredis clients. Exactly one topology at a time: two would mean two different stores.

export interface RedisEndpoint {
  host: string;
  port: number;
}

/** Credentials and TLS for cluster nodes and the Sentinel-managed servers (standalone: in the URL). */
export interface RedisAuth {
  username?: string;
  password?: string;
  /** TLS to the data nodes (and to the sentinels). */
  tls: boolean;
}

export type RedisTopology =
  | { kind: 'standalone'; url: string }
  | ({ kind: 'cluster'; nodes: RedisEndpoint[] } & RedisAuth)
  | ({ kind: 'sentinel'; sentinels: RedisEndpoint[]; master: string; sentinelPassword?: string } & RedisAuth);

export type TopologyKind = RedisTopology['kind'];

/** `host:port,host:port` (IPv6 as `[::1]:6379`); throws a message naming the bad entry's position only. */
export function parseEndpoints(list: string, defaultPort: number): RedisEndpoint[] {
  const out: RedisEndpoint[] = [];
  const parts = list.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (parts.length === 0) throw new Error('must list at least one host:port');
  parts.forEach((p, i) => {
    const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+))(?::(\d{1,5}))?$/.exec(p);
    const port = m?.[3] === undefined ? defaultPort : Number(m[3]);
    if (!m || port < 1 || port > 65535) throw new Error(`entry ${i + 1} is not host:port`);
    out.push({ host: (m[1] ?? m[2]) as string, port });
  });
  return out;
}

/** For logs and /healthz: never a password. */
export function describeTopology(t: RedisTopology): string {
  if (t.kind === 'standalone') {
    try {
      const u = new URL(t.url);
      return `standalone ${u.hostname}:${u.port || 6379}`;
    } catch {
      return 'standalone';
    }
  }
  if (t.kind === 'cluster') return `cluster of ${t.nodes.map((n) => `${n.host}:${n.port}`).join(',')}`;
  return `sentinel master "${t.master}" via ${t.sentinels.map((n) => `${n.host}:${n.port}`).join(',')}`;
}
