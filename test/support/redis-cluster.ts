// A private Redis Cluster for tests: 3 primaries with one replica each (6 redis-server processes in
// cluster mode on free loopback ports, each in its own temp dir), created with
// `redis-cli --cluster create … --cluster-replicas 1 --cluster-yes`. Ready = every node reports
// cluster_state:ok with all 16384 slots and 6 known nodes, and every replica's link is up; faults
// (SIGKILL of a primary, a reshard) are methods. One cluster per test file (beforeAll/afterAll).
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePort, portFree } from './ports';
import { loopbackList, loopbackNodes, RedisProcs } from './redis-procs';

const run = promisify(execFile);

export interface ClusterNodeInfo {
  port: number;
  id: string;
  role: 'master' | 'slave';
  /** The primary's id (replicas). */
  masterId: string | null;
  slots: Array<[number, number]>;
}

/** Polls `cond` (a real state of processes we started: nothing announces it) until true or the deadline. */
export async function waitUntil(cond: () => Promise<boolean>, what: string, ms = 30_000, everyMs = 50): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    if (await cond().catch(() => false)) return performance.now() - t0;
    if (performance.now() - t0 > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** One command on a short-lived connection to 127.0.0.1:port. */
export async function nodeCommand(port: number, ...args: [string, ...(string | number)[]]): Promise<unknown> {
  const r = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1000, commandTimeout: 2000 });
  r.on('error', () => undefined);
  await r.connect();
  try {
    return await r.call(...args);
  } finally {
    r.disconnect();
  }
}

export class RedisClusterProcess {
  private constructor(
    readonly ports: number[],
    private readonly procs: RedisProcs,
  ) {}

  /** `host:port,…` for REDIS_CLUSTER_NODES. */
  get nodesList(): string {
    return loopbackList(this.ports);
  }

  get nodes(): Array<{ host: string; port: number }> {
    return loopbackNodes(this.ports);
  }

  static async start(o: { primaries?: number; replicas?: number } = {}): Promise<RedisClusterProcess> {
    const count = (o.primaries ?? 3) * (1 + (o.replicas ?? 1));
    const ports: number[] = [];
    while (ports.length < count) {
      const p = await freePort();
      // The cluster bus listens on port + 10000: both must be free.
      if (p < 55000 && !ports.includes(p) && (await portFree(p + 10000))) ports.push(p);
    }
    const c = new RedisClusterProcess(ports, new RedisProcs('m1-cluster-'));
    await Promise.all(ports.map((p) => c.startNode(p)));
    await run('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', String(o.replicas ?? 1), '--cluster-yes'], { timeout: 60_000 });
    await c.waitHealthy();
    return c;
  }

  async startNode(port: number): Promise<void> {
    const dir = join(this.procs.dir, String(port));
    mkdirSync(dir, { recursive: true });
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf',
      '--cluster-node-timeout', '1000', '--save', '', '--appendonly', 'no', '--logfile', '', '--cluster-replica-validity-factor', '0'];
    await this.procs.start(port, args);
  }

  /** Every running node: cluster_state:ok, all slots assigned, every node known, replicas linked. */
  async waitHealthy(ms = 60_000): Promise<number> {
    return waitUntil(async () => {
      for (const port of this.running()) {
        const info = String(await nodeCommand(port, 'CLUSTER', 'INFO'));
        if (!info.includes('cluster_state:ok') || !info.includes('cluster_slots_assigned:16384') || !info.includes('cluster_slots_ok:16384')) return false;
      }
      const nodes = await this.topology();
      for (const n of nodes.filter((x) => x.role === 'slave')) {
        const repl = String(await nodeCommand(n.port, 'INFO', 'replication'));
        if (!repl.includes('master_link_status:up')) return false;
      }
      return true;
    }, 'the cluster to be healthy', ms);
  }

  running(): number[] {
    return this.ports.filter((p) => this.procs.alive(p));
  }

  /** The cluster as one running node sees it (CLUSTER NODES). */
  async topology(): Promise<ClusterNodeInfo[]> {
    const from = this.running()[0];
    if (from === undefined) throw new Error('no node runs');
    const text = String(await nodeCommand(from, 'CLUSTER', 'NODES'));
    return text.trim().split('\n').map((line) => {
      const f = line.split(' ');
      const port = Number((f[1] ?? '').split('@')[0]?.split(':')[1]);
      const flags = f[2] ?? '';
      const slots = f.slice(8).filter((s) => /^\d+(-\d+)?$/.test(s)).map((s) => {
        const [a, b] = s.split('-').map(Number);
        return [a as number, (b ?? a) as number] as [number, number];
      });
      return { port, id: f[0] as string, role: flags.includes('master') ? 'master' : 'slave', masterId: f[3] === '-' ? null : (f[3] ?? null), slots };
    });
  }

  async primaryOfSlot(slot: number): Promise<ClusterNodeInfo> {
    const n = (await this.topology()).find((x) => x.role === 'master' && x.slots.some(([a, b]) => slot >= a && slot <= b));
    if (!n) throw new Error(`no primary owns slot ${slot}`);
    return n;
  }

  /** SIGKILL a node and wait for its exit. */
  async kill(port: number): Promise<void> {
    await this.procs.kill(port);
  }

  /** Moves `count` slots from one primary to another with redis-cli (MIGRATE under live traffic). */
  async reshard(fromId: string, toId: string, count: number): Promise<void> {
    const via = this.running()[0] as number;
    await run('redis-cli', ['--cluster', 'reshard', `127.0.0.1:${via}`, '--cluster-from', fromId, '--cluster-to', toId,
      '--cluster-slots', String(count), '--cluster-yes', '--cluster-pipeline', '100'], { timeout: 120_000 });
  }

  /**
   * Moves one slot with its keys to another primary the way redis-cli does (IMPORTING/MIGRATING,
   * MIGRATE in batches, SETSLOT NODE everywhere): while it runs, clients meet ASK and TRYAGAIN;
   * after it, MOVED.
   */
  async migrateSlot(slot: number, toPort: number): Promise<void> {
    const nodes = await this.topology();
    const src = await this.primaryOfSlot(slot);
    const dst = nodes.find((n) => n.port === toPort);
    if (!dst || dst.id === src.id) throw new Error('migrateSlot: the target must be another primary');
    await nodeCommand(dst.port, 'CLUSTER', 'SETSLOT', slot, 'IMPORTING', src.id);
    await nodeCommand(src.port, 'CLUSTER', 'SETSLOT', slot, 'MIGRATING', dst.id);
    for (;;) {
      const keys = (await nodeCommand(src.port, 'CLUSTER', 'GETKEYSINSLOT', slot, 100)) as string[];
      if (keys.length === 0) break;
      await nodeCommand(src.port, 'MIGRATE', '127.0.0.1', dst.port, '', 0, 10_000, 'KEYS', ...keys);
    }
    for (const n of [dst, src, ...nodes.filter((x) => x.role === 'master' && x.id !== dst.id && x.id !== src.id)]) {
      await nodeCommand(n.port, 'CLUSTER', 'SETSLOT', slot, 'NODE', dst.id);
    }
  }

  async stop(): Promise<void> {
    await this.procs.stop();
  }
}
