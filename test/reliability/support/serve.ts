// `m1-ops serve` as a process (the built CLI): its URL from the start-up line, every line it writes
// kept (the secrets test reads them all), its RSS from /proc, and kill/exit as a test sees them.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

export const TEST_SECRET = 'reliability-admin-secret-6f1c2b9e0d4a4c7fa3b5e8d2c1f09a7b6e5d4c3b';

/** For tests that play many clients with one token (load, fail-over): the per-token caps lifted. */
export const MANY_CLIENTS_ONE_TOKEN: Record<string, string> = {
  M1_MAX_SSE_STREAMS: '100000',
  M1_MAX_SSE_STREAMS_PER_TOKEN: '10000',
  M1_MAX_REQUESTS_PER_TOKEN: '10000',
};

export interface ServeOptions {
  /** Environment on top of a clean one (PATH, HOME, LANG). */
  env: Record<string, string>;
  /** Extra arguments after `serve --port 0 --host 127.0.0.1`. Default `--dev` (prints the URL). */
  args?: readonly string[];
  /** Without --dev the URL comes from fastify's `Server listening at` log line (LOG_LEVEL info). */
  label?: string;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const LISTENING = /(?:control service on|Server listening at) (http:\/\/127\.0\.0\.1:\d+)/;

export class ServeProcess {
  readonly lines: string[] = [];
  readonly exited: Promise<Exit>;
  url = '';
  private readonly waiters = new Set<() => void>();

  private constructor(
    readonly child: ChildProcess,
    readonly label: string,
  ) {
    const take = (stream: NodeJS.ReadableStream | null): void => {
      if (!stream) return;
      createInterface({ input: stream }).on('line', (line) => {
        this.lines.push(line);
        for (const w of [...this.waiters]) w();
      });
    };
    take(child.stdout);
    take(child.stderr);
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  /** Starts the process without waiting for anything (a start that must be refused). */
  static launch(cli: string, o: ServeOptions): ServeProcess {
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', LANG: 'C.UTF-8', NODE_ENV: 'development', ...o.env };
    const args = ['serve', '--port', '0', '--host', '127.0.0.1', ...(o.args ?? ['--dev'])];
    const child = spawn(process.execPath, [cli, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    return new ServeProcess(child, o.label ?? 'serve');
  }

  /** Starts the process and waits for the line that gives its URL. */
  static async start(cli: string, o: ServeOptions): Promise<ServeProcess> {
    const p = ServeProcess.launch(cli, o);
    const [, url] = await p.waitLine(LISTENING, 60_000);
    p.url = url as string;
    return p;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves with the first line (past or future) matching `re`; rejects on exit or after `ms`. */
  waitLine(re: RegExp, ms = 30_000): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        for (const l of this.lines) {
          const m = re.exec(l);
          if (m) {
            done();
            resolve(m);
            return true;
          }
        }
        return false;
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`${this.label}: no line matching ${re} within ${ms} ms; last lines:\n${this.lines.slice(-10).join('\n')}`));
      }, ms);
      const onExit = (): void => {
        if (check()) return;
        done();
        reject(new Error(`${this.label} exited before a line matching ${re}:\n${this.lines.slice(-20).join('\n')}`));
      };
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(onLine);
        this.child.off('exit', onExit);
      };
      const onLine = (): void => void check();
      if (check()) return;
      this.waiters.add(onLine);
      this.child.once('exit', onExit);
    });
  }

  /** Resident set size of the process, in MiB (Linux /proc). */
  rssMiB(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    return m ? Math.round((Number(m[1]) / 1024) * 10) / 10 : NaN;
  }

  /** The exit, or a rejection after `ms` (a process that should have ended and did not). */
  exitWithin(ms: number): Promise<Exit> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${this.label} still running after ${ms} ms:\n${this.lines.slice(-10).join('\n')}`)), ms)));
    return Promise.race([this.exited, late]).finally(() => clearTimeout(timer));
  }

  /** Sends the signal and waits for the exit. */
  async kill(signal: NodeJS.Signals = 'SIGTERM'): Promise<Exit> {
    if (this.alive) this.child.kill(signal);
    return this.exited;
  }
}

/** Kills whatever is still running (afterAll). */
export async function killAll(list: readonly ServeProcess[]): Promise<void> {
  await Promise.all(list.map((p) => (p.alive ? p.kill('SIGKILL') : p.exited)));
}
