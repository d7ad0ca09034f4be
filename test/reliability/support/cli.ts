// The built `m1-ops` CLI as a process, with an optional stdin; stdout and stderr kept apart.
import { spawn } from 'node:child_process';

export interface CliRun {
  args: readonly string[];
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(cli: string, args: readonly string[], env: Record<string, string> = {}, stdin?: string, cwd?: string): Promise<CliRun> {
  const child = spawn(process.execPath, [cli, ...args], {
    cwd: cwd ?? process.cwd(),
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', LANG: 'C.UTF-8', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  child.stdin.end(stdin ?? '');
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ args, code, stdout, stderr }));
  });
}
