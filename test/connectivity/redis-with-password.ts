// A private redis-server that requires a password (never the shared one). Ready when it logs
// "Ready to accept connections": waiting for the log line, not polling.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/ports';
import { spawnRedis } from '../support/redis-server';

export interface PasswordRedis {
  port: number;
  stop(): Promise<void>;
}

export async function startRedisWithPassword(password: string): Promise<PasswordRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'm1-redis-auth-'));
  const proc = await spawnRedis(
    ['--port', String(port), '--bind', '127.0.0.1', '--requirepass', password, '--save', '', '--appendonly', 'no', '--dir', dir, '--logfile', ''],
    `:${port}`,
  );
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        rmSync(dir, { recursive: true, force: true });
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}
