// Starts a private redis-server on a free port: for tests that stop and restart Redis
// (never the machine's shared one) and for machines where none answers. Also `spawnRedis`, the one
// "start redis-server and wait for its ready line" the private topologies (cluster, sentinel) share.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Socket } from 'node:net';
import { freePort } from './ports';

export interface RedisProcess {
  url: string;
  port: number;
  /** Stop the server (SIGTERM) and wait until it has exited. */
  stop(): Promise<void>;
  /** Start it again on the same port. */
  restart(): Promise<void>;
}

/** Resolves when `host:port` answers PING with PONG, rejects after `timeoutMs`. */
export async function redisAnswers(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = new Socket();
    let buf = '';
    const done = (ok: boolean): void => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once('error', () => done(false));
    sock.connect(port, host, () => sock.write('PING\r\n'));
    sock.on('data', (d) => {
      buf += d.toString('latin1');
      if (buf.includes('\r\n')) done(buf.startsWith('+PONG'));
    });
  });
}

async function waitUntilAnswers(port: number, proc: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`redis-server exited with code ${proc.exitCode}`);
    if (await redisAnswers('127.0.0.1', port, 200)) return;
    await new Promise((r) => setTimeout(r, 25)); // polling a process we started; no event to wait for
  }
  throw new Error(`redis-server on port ${port} did not answer within 10 s`);
}

/**
 * Spawns `redis-server args` and resolves with the process once its own log says it is ready ("Ready
 * to accept connections", or `ready` for another line, e.g. a sentinel's); rejects if it exits or
 * cannot be started first. `onSpawn` sees the process at once, so an owner can track it for cleanup
 * even while it starts. `label` names it in errors (e.g. ":6380"). Its stdout is drained afterwards.
 */
export async function spawnRedis(
  args: string[],
  label: string,
  o: { ready?: (log: string) => boolean; onSpawn?: (p: ChildProcess) => void } = {},
): Promise<ChildProcess> {
  const ready = o.ready ?? ((log: string): boolean => log.includes('Ready to accept connections'));
  const p = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'ignore'] });
  o.onSpawn?.(p);
  await new Promise<void>((resolve, reject) => {
    let log = '';
    const onExit = (code: number | null): void => reject(new Error(`redis-server ${label} exited (${code}): ${log.slice(-500)}`));
    p.once('error', (e) => reject(new Error(`cannot start redis-server (apt-get install redis-server): ${e.message}`)));
    p.once('exit', onExit);
    p.stdout?.on('data', (d: Buffer) => {
      log += d.toString();
      if (ready(log)) {
        p.off('exit', onExit);
        p.stdout?.removeAllListeners('data');
        p.stdout?.resume();
        resolve();
      }
    });
  });
  return p;
}

export async function startRedisServer(): Promise<RedisProcess> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'm1-redis-'));
  let proc: ChildProcess | undefined;

  const launch = async (): Promise<void> => {
    const p = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
      stdio: 'ignore',
    });
    proc = p;
    await new Promise<void>((resolve, reject) => {
      p.once('spawn', () => resolve());
      p.once('error', (e) => reject(new Error(`cannot start redis-server (is it on PATH? apt-get install redis-server): ${e.message}`)));
    });
    await waitUntilAnswers(port, p);
  };

  const stop = async (): Promise<void> => {
    const p = proc;
    proc = undefined;
    if (!p || p.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      p.once('exit', () => resolve());
      p.kill('SIGTERM');
    });
  };

  await launch();
  process.once('exit', () => {
    proc?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  return { url: `redis://127.0.0.1:${port}`, port, stop, restart: launch };
}
