// A private Sentinel set for tests: a primary, a replica and three sentinels (`redis-server
// sentinel.conf --sentinel`; Debian ships no separate redis-sentinel binary here), on free loopback
// ports, each in a temp dir. Ready = every sentinel names the primary (SENTINEL
// get-master-addr-by-name), knows the replica and the other two sentinels, and the replica's link
// is up. Faults: SIGKILL the primary, SIGSTOP/SIGCONT a sentinel (a partitioned sentinel).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './ports';
import { nodeCommand, waitUntil } from './redis-cluster';
import { loopbackList, loopbackNodes, RedisProcs } from './redis-procs';

export const SENTINEL_MASTER = 'm1primary';

export class RedisSentinelSet {
  private readonly paused = new Set<number>();

  private constructor(
    readonly dataPorts: [number, number],
    readonly sentinelPorts: number[],
    private readonly procs: RedisProcs,
  ) {}

  /** `host:port,…` for REDIS_SENTINELS. */
  get sentinelsList(): string {
    return loopbackList(this.sentinelPorts);
  }

  get sentinels(): Array<{ host: string; port: number }> {
    return loopbackNodes(this.sentinelPorts);
  }

  static async start(): Promise<RedisSentinelSet> {
    const ports: number[] = [];
    while (ports.length < 5) {
      const p = await freePort();
      if (!ports.includes(p)) ports.push(p);
    }
    const [primary, replica, ...sentinels] = ports as [number, number, ...number[]];
    const s = new RedisSentinelSet([primary, replica], sentinels, new RedisProcs('m1-sentinel-'));
    await s.startData(primary, null);
    await s.startData(replica, primary);
    for (const p of sentinels) await s.startSentinel(p, primary);
    await s.waitReady();
    return s;
  }

  private async launch(port: number, args: string[]): Promise<void> {
    await this.procs.start(port, args, (log) => log.includes('Ready to accept connections') || log.includes('Sentinel ID is'));
  }

  private async startData(port: number, replicaOf: number | null): Promise<void> {
    const dir = join(this.procs.dir, String(port));
    mkdirSync(dir, { recursive: true });
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--logfile', ''];
    if (replicaOf !== null) args.push('--replicaof', '127.0.0.1', String(replicaOf));
    await this.launch(port, args);
  }

  private async startSentinel(port: number, primary: number): Promise<void> {
    const dir = join(this.procs.dir, `s${port}`);
    mkdirSync(dir, { recursive: true });
    const conf = join(dir, 'sentinel.conf');
    writeFileSync(conf, [
      `port ${port}`, 'bind 127.0.0.1', `dir ${dir}`, 'logfile ""',
      `sentinel monitor ${SENTINEL_MASTER} 127.0.0.1 ${primary} 2`,
      `sentinel down-after-milliseconds ${SENTINEL_MASTER} 1000`,
      `sentinel failover-timeout ${SENTINEL_MASTER} 5000`,
      `sentinel parallel-syncs ${SENTINEL_MASTER} 1`,
      '',
    ].join('\n'));
    await this.launch(port, [conf, '--sentinel']);
  }

  /** The primary's port as the given (or first running) sentinel names it. */
  async primaryPort(sentinelPort?: number): Promise<number> {
    const via = sentinelPort ?? this.sentinelPorts.find((p) => this.isRunning(p)) ?? 0;
    const r = (await nodeCommand(via, 'SENTINEL', 'get-master-addr-by-name', SENTINEL_MASTER)) as [string, string] | null;
    if (!r) throw new Error('no primary known');
    return Number(r[1]);
  }

  /** Every sentinel names the same running primary, sees 2 other sentinels, and a replica's link is up. */
  async waitReady(ms = 60_000): Promise<number> {
    return waitUntil(async () => {
      const named = new Set<number>();
      for (const s of this.sentinelPorts) {
        if (!this.isRunning(s)) continue;
        named.add(await this.primaryPort(s));
        const others = (await nodeCommand(s, 'SENTINEL', 'sentinels', SENTINEL_MASTER)) as unknown[];
        if (others.length < 2) return false;
        const replicas = (await nodeCommand(s, 'SENTINEL', 'replicas', SENTINEL_MASTER)) as string[][];
        if (!replicas.some((r) => { const i = r.indexOf('flags'); return i >= 0 && !/s_down|o_down|disconnected/.test(r[i + 1] ?? ''); })) return false;
      }
      if (named.size !== 1) return false;
      const primary = [...named][0] as number;
      if (!(String(await nodeCommand(primary, 'INFO', 'replication')).includes('role:master'))) return false;
      const replica = this.dataPorts.find((p) => p !== primary) as number;
      return String(await nodeCommand(replica, 'INFO', 'replication')).includes('master_link_status:up');
    }, 'the sentinel set to be ready', ms);
  }

  isRunning(port: number): boolean {
    return this.procs.alive(port) && !this.paused.has(port);
  }

  async kill(port: number): Promise<void> {
    await this.procs.kill(port);
  }

  /** SIGSTOP / SIGCONT: a sentinel that is cut off (it answers nothing, its peers see it down). */
  pause(port: number): void {
    this.paused.add(port);
    this.procs.signal(port, 'SIGSTOP');
  }

  resume(port: number): void {
    this.paused.delete(port);
    this.procs.signal(port, 'SIGCONT');
  }

  /** Starts a killed data node again as a replica of the current primary. */
  async restartAsReplica(port: number): Promise<void> {
    await this.startData(port, await this.primaryPort());
  }

  async stop(): Promise<void> {
    // SIGCONT first: a paused sentinel is woken before the kill.
    await this.procs.stop('SIGCONT');
  }
}
