// The redis-server processes one private test topology owns (RedisClusterProcess, RedisSentinelSet):
// by port, in one temp dir, started with spawnRedis, SIGKILLed and the dir removed on stop() or when
// the test process exits (so a failed run leaves no server behind).
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnRedis } from './redis-server';

/** `127.0.0.1:port,…` (the form REDIS_CLUSTER_NODES and REDIS_SENTINELS take). */
export function loopbackList(ports: number[]): string {
  return ports.map((p) => `127.0.0.1:${p}`).join(',');
}

export function loopbackNodes(ports: number[]): Array<{ host: string; port: number }> {
  return ports.map((port) => ({ host: '127.0.0.1', port }));
}

export class RedisProcs {
  private readonly procs = new Map<number, ChildProcess>();
  readonly dir: string;

  constructor(dirPrefix: string) {
    this.dir = mkdtempSync(join(tmpdir(), dirPrefix));
    process.once('exit', () => this.killAllSync());
  }

  /** Starts redis-server for `port` (replacing a dead one) and waits for its ready line. */
  async start(port: number, args: string[], ready?: (log: string) => boolean): Promise<void> {
    await spawnRedis(args, `:${port}`, { ready, onSpawn: (p) => this.procs.set(port, p) });
  }

  /** Started and neither exited nor killed by a signal. */
  alive(port: number): boolean {
    const c = this.procs.get(port);
    return c !== undefined && c.exitCode === null && c.signalCode === null;
  }

  /** Sends `signal` (SIGSTOP, SIGCONT…) to the port's process, if there is one. */
  signal(port: number, signal: NodeJS.Signals): void {
    this.procs.get(port)?.kill(signal);
  }

  /** SIGKILL a node and wait for its exit. */
  async kill(port: number): Promise<void> {
    const p = this.procs.get(port);
    if (!p || p.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      p.once('exit', () => resolve());
      p.kill('SIGKILL');
    });
  }

  /** SIGKILL every process (`before` first signals each one still running, e.g. SIGCONT) and remove the dir. */
  async stop(before?: NodeJS.Signals): Promise<void> {
    if (before) for (const p of this.procs.values()) if (p.exitCode === null) p.kill(before);
    await Promise.all([...this.procs.keys()].map((p) => this.kill(p)));
    rmSync(this.dir, { recursive: true, force: true });
  }

  private killAllSync(): void {
    for (const p of this.procs.values()) if (p.exitCode === null) p.kill('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }
}
