// Redis Cluster and Sentinel connectivity (`validate --connectivity` with REDIS_CLUSTER_NODES or
// REDIS_SENTINELS): every listed node is connected to, authenticated (REDIS_USERNAME /
// REDIS_PASSWORD, REDIS_SENTINEL_PASSWORD for sentinels, REDIS_TLS) and asked what the service
// needs: a cluster node `CLUSTER INFO` with cluster_state:ok; a sentinel the primary's address for
// REDIS_SENTINEL_MASTER, and that primary PING and ROLE master. One `unreachable` finding per node
// that fails, naming host:port only (never a password).
import type { Finding } from '../../../shared/src/findings';
import type { RuleContext } from '../engine/types';
import { classify, serverMessage } from './classify';
import { checkSignal, raceSignal } from './deadline';
import { unreachableMessage } from './message';
import { scrub } from './target';
import type { Failure } from './types';

interface Endpoint {
  host: string;
  port: number;
}

function endpoints(list: string, defaultPort: number): Endpoint[] {
  const out: Endpoint[] = [];
  for (const part of list.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+))(?::(\d{1,5}))?$/.exec(part);
    if (m) out.push({ host: (m[1] ?? m[2]) as string, port: m[3] ? Number(m[3]) : defaultPort });
  }
  return out;
}

type Session = (call: (...args: [string, ...string[]]) => Promise<unknown>) => Promise<Failure | null>;

async function withNode(e: Endpoint, auth: { username?: string; password?: string; tls: boolean }, timeoutMs: number, signal: AbortSignal, session: Session): Promise<Failure | null> {
  const { Redis } = await import('ioredis');
  const client = new Redis({
    host: e.host,
    port: e.port,
    ...(auth.tls ? { tls: {} } : {}),
    lazyConnect: true,
    enableOfflineQueue: false,
    enableReadyCheck: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    disableClientInfo: true,
  });
  let firstError: unknown;
  client.on('error', (err: unknown) => {
    firstError ??= err;
  });
  const run = async (): Promise<Failure | null> => {
    await client.connect();
    if (auth.password) await (auth.username ? client.auth(auth.username, auth.password) : client.auth(auth.password));
    return session((...args) => client.call(...args));
  };
  try {
    return await raceSignal(signal, run(), () => client.disconnect());
  } catch (err) {
    const f = classify(firstError ?? err);
    if (f.cause === 'authentication') return { cause: 'authentication', detail: /^[A-Z]+/.exec(serverMessage(firstError ?? err) ?? '')?.[0] ?? 'refused' };
    return f;
  } finally {
    client.disconnect();
  }
}

export async function checkRedisTopology(ctx: RuleContext, timeoutMs: number, outer?: AbortSignal): Promise<Finding[]> {
  const env = ctx.expanded;
  const auth = {
    ...(env.REDIS_USERNAME ? { username: env.REDIS_USERNAME } : {}),
    ...(env.REDIS_PASSWORD ? { password: env.REDIS_PASSWORD } : {}),
    tls: env.REDIS_TLS === 'true' || env.REDIS_TLS === '1',
  };
  const secrets = [env.REDIS_PASSWORD ?? '', env.REDIS_SENTINEL_PASSWORD ?? ''];
  const jobs: Promise<Finding | null>[] = [];
  const report = (key: string, service: string, e: Endpoint, f: Failure | null): Finding | null => {
    const entry = ctx.effective.get(key);
    if (!f || !entry) return null;
    const message = scrub(unreachableMessage(service, key, `${e.host}:${e.port}`, e.host, f, timeoutMs), secrets);
    return { rule: 'unreachable', level: ctx.prodLike ? 'error' : 'warning', message, range: ctx.range(entry.rawSpan), key, fixes: [] };
  };
  if (env.REDIS_CLUSTER_NODES && ctx.effective.has('REDIS_CLUSTER_NODES')) {
    for (const e of endpoints(env.REDIS_CLUSTER_NODES, 6379)) {
      const f = withNode(e, auth, timeoutMs, checkSignal(timeoutMs, outer), async (call) => {
        const info = String(await call('CLUSTER', 'INFO'));
        const state = /cluster_state:(\w+)/.exec(info)?.[1];
        return state === 'ok' ? null : { cause: 'other', detail: `the node reports cluster_state:${state ?? 'unknown'}` };
      }).catch((err: unknown) => classify(err));
      jobs.push(f.then((x) => report('REDIS_CLUSTER_NODES', 'Redis Cluster node', e, x)));
    }
  }
  const master = env.REDIS_SENTINEL_MASTER;
  if (env.REDIS_SENTINELS && master && ctx.effective.has('REDIS_SENTINELS')) {
    const sentinelAuth = { ...(env.REDIS_SENTINEL_PASSWORD ? { password: env.REDIS_SENTINEL_PASSWORD } : {}), tls: auth.tls };
    for (const s of endpoints(env.REDIS_SENTINELS, 26379)) {
      const job = (async (): Promise<Finding | null> => {
        let primary: Endpoint | null = null;
        const f = await withNode(s, sentinelAuth, timeoutMs, checkSignal(timeoutMs, outer), async (call) => {
          const r = (await call('SENTINEL', 'get-master-addr-by-name', master)) as [string, string] | null;
          if (!r) return { cause: 'other', detail: `the sentinel monitors no primary named "${master}" (REDIS_SENTINEL_MASTER)` };
          primary = { host: r[0], port: Number(r[1]) };
          return null;
        });
        if (f || !primary) return report('REDIS_SENTINELS', 'Redis Sentinel', s, f);
        const p: Endpoint = primary;
        const pf = await withNode(p, auth, timeoutMs, checkSignal(timeoutMs, outer), async (call) => {
          const role = (await call('ROLE')) as unknown[];
          return role[0] === 'master' ? null : { cause: 'other', detail: `the server the sentinels name is a ${String(role[0])}, not a primary` };
        });
        return report('REDIS_SENTINELS', 'The Redis primary the sentinels name', p, pf);
      })().catch(() => null);
      jobs.push(job);
    }
  }
  const findings = await Promise.all(jobs);
  outer?.throwIfAborted();
  return findings.filter((f): f is Finding => f !== null);
}
