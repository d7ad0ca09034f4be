// A private redis-server that requires a password (never the shared one). Ready when it logs
// "Ready to accept connections": waiting for the log line, not polling.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/ports';

export interface PasswordRedis {
  port: number;
  stop(): Promise<void>;
}

export async function startRedisWithPassword(password: string): Promise<PasswordRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'm1-redis-auth-'));
  const proc = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--requirepass', password, '--save', '', '--appendonly', 'no', '--dir', dir, '--logfile', ''],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    let log = '';
    proc.once('error', reject);
    proc.once('exit', (code) => reject(new Error(`redis-server exited with code ${code}: ${log}`)));
    proc.stdout.on('data', (d: Buffer) => {
      log += d.toString();
      if (log.includes('Ready to accept connections')) resolve();
    });
  });
  proc.removeAllListeners('exit');
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
