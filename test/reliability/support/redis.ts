// A private redis-server per test file (never the shared one): optionally with a password
// (requirepass) and with an append-only file fsynced on every write, so that a stop/start keeps
// what was acknowledged (the production set-up a fault test stands for). Ready = the server's own
// "Ready to accept connections" line, not polling.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from '../../support/ports';
import { spawnRedis } from '../../support/redis-server';

export interface PrivateRedisOptions {
  password?: string;
  /** appendonly yes, appendfsync always. */
  persistent?: boolean;
}

export class PrivateRedis {
  private proc: ChildProcess | null = null;

  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly o: PrivateRedisOptions,
  ) {}

  static async start(o: PrivateRedisOptions = {}): Promise<PrivateRedis> {
    const dir = mkdtempSync(join(tmpdir(), 'm1-rel-redis-'));
    const r = new PrivateRedis(await freePort(), dir, o);
    process.once('exit', () => {
      r.proc?.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    });
    await r.start();
    return r;
  }

  get url(): string {
    return this.o.password ? `redis://:${encodeURIComponent(this.o.password)}@127.0.0.1:${this.port}` : `redis://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.proc !== null;
  }

  async start(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--save', '', '--logfile', ''];
    args.push(...(this.o.persistent ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']));
    if (this.o.password) args.push('--requirepass', this.o.password);
    await spawnRedis(args, `:${this.port}`, { onSpawn: (p) => (this.proc = p) });
  }

  /** SIGTERM (a clean shutdown) or SIGKILL, and wait for the exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const p = this.proc;
    this.proc = null;
    if (!p || p.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      p.once('exit', () => resolve());
      p.kill(signal);
    });
  }

  /** One command on a short-lived connection. */
  async command(...args: [string, ...(string | number)[]]): Promise<unknown> {
    const r = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
    await r.connect();
    try {
      return await r.call(...args);
    } finally {
      r.disconnect();
    }
  }
}
