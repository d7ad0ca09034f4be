// The m1-ops binary as users run it: bin/m1-ops.js → dist/cli.js, as scripts/build.mjs built it
// (the test suite's global setup builds dist/ once). Both are copied into a private directory so
// that a test can put a stand-in dist/service.js beside it, and can run the binary as another user.
import { spawn, type SpawnOptions } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface Built {
  /** Directory holding bin/m1-ops.js and dist/cli.js. */
  root: string;
  bin: string;
  cli: string;
}

export function buildCli(): Promise<Built> {
  const root = mkdtempSync(join(tmpdir(), 'm1-cli-build-'));
  chmodSync(root, 0o755); // mkdtemp makes it private; tests also run the binary as another user
  mkdirSync(join(root, 'bin'));
  mkdirSync(join(root, 'dist'));
  const cli = join(root, 'dist', 'cli.js');
  copyFileSync(join(ROOT, 'dist', 'cli.js'), cli);
  if (existsSync(join(ROOT, 'dist', 'cli.js.map'))) copyFileSync(join(ROOT, 'dist', 'cli.js.map'), `${cli}.map`);
  const bin = join(root, 'bin', 'm1-ops.js');
  copyFileSync(join(ROOT, 'bin', 'm1-ops.js'), bin);
  return Promise.resolve({ root, bin, cli });
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A clean environment: no colour variables or M1 settings leak in from the test runner. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', LANG: 'C.UTF-8', ...extra };
}

export async function run(
  command: string,
  args: readonly string[],
  opts: { cwd?: string; env?: Record<string, string>; uid?: number; gid?: number } = {},
): Promise<RunResult> {
  const spawnOpts: SpawnOptions = { cwd: opts.cwd ?? process.cwd(), env: cleanEnv(opts.env), stdio: ['ignore', 'pipe', 'pipe'] };
  if (opts.uid !== undefined) spawnOpts.uid = opts.uid;
  if (opts.gid !== undefined) spawnOpts.gid = opts.gid;
  const child = spawn(command, args, spawnOpts);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (c) => resolve(c));
  });
  return { code, stdout, stderr };
}

/** `node bin/m1-ops.js ...args`. */
export function m1ops(built: Built, args: readonly string[], opts: Parameters<typeof run>[2] = {}): Promise<RunResult> {
  return run(process.execPath, [built.bin, ...args], opts);
}

/**
 * Runs the command on a pseudo-terminal (util-linux `script`), so that stdout and stderr are TTYs
 * as in an interactive shell. Both streams arrive merged on the terminal.
 */
export function onTerminal(built: Built, args: readonly string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<RunResult> {
  const quoted = [process.execPath, built.bin, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return run('script', ['-qec', quoted, '/dev/null'], { ...opts, env: { TERM: 'xterm-256color', ...opts.env } });
}

/** A Node stack trace line: never printed by the CLI. */
export const STACK_LINE = /\n\s+at .+:\d+:\d+\)?/;
