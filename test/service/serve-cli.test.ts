// `m1-ops serve` as a process (the built CLI → dist/service.js): the --dev banner's token works on the
// live stream with --demo traffic, SIGTERM shuts down gracefully (streams end with a final comment, exit
// 0), and a configuration with an error finding is refused with the findings printed.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const bin = join(root, 'bin', 'm1-ops.js');
const children: ChildProcess[] = [];

interface Run {
  child: ChildProcess;
  stderr: () => string;
  stdout: () => string;
  waitStderr: (re: RegExp) => Promise<RegExpMatchArray>;
  exit: Promise<number | null>;
}

function serve(args: string[], env: Record<string, string>): Run {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(M1_|REDIS_|JWT|JWKS|PORT$|HOST$|NODE_ENV$|TOKEN_)/.test(k)));
  // Its own data directory: parallel test files must never share ./.m1-ops.
  const dataDir = mkdtempSync(join(tmpdir(), 'm1-serve-data-'));
  const child = spawn(process.execPath, [bin, 'serve', ...args], { env: { ...clean, M1_DATA_DIR: dataDir, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  children.push(child);
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
    for (const w of [...waiters]) w();
  });
  const exit = new Promise<number | null>((resolve) =>
    child.on('exit', (code, signal) => {
      if (signal) err += `\n(killed by ${signal})`; // so that a failed exit-code assertion says why
      resolve(code);
    }),
  );
  return {
    child,
    stderr: () => err,
    stdout: () => out,
    exit,
    waitStderr: (re) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const m = re.exec(err);
          if (m) {
            waiters.delete(check);
            resolve(m);
          }
        };
        check();
        waiters.add(check);
        void exit.then((code) => reject(new Error(`serve exited (${code}) before ${re}: ${err}`)));
      }),
  };
}

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'service.js'))) throw new Error('dist/service.js is missing: run `npm run build` (npm test does)');
});
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

describe('m1-ops serve', () => {
  it('--dev --demo prints a working admin token; the stream shows demo events; SIGTERM shuts down cleanly', async () => {
    const run = serve(['--dev', '--demo', '--port', '0', '--host', '127.0.0.1'], { NODE_ENV: 'development' });
    const [, url] = await run.waitStderr(/control service on (http:\/\/127\.0\.0\.1:\d+)/);
    const [, token] = await run.waitStderr(/admin token: (\S+)/);
    expect(run.stderr()).toContain(`${url as string}/dashboard#token=`);

    const res = await fetch(`${url as string}/v1/stream?types=tools`, { headers: { authorization: `Bearer ${token as string}` } });
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes('event: tools')) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`stream ended early: ${text}`);
      text += decoder.decode(value);
    }
    expect(text.startsWith('retry: 2000')).toBe(true);

    const dash = await fetch(`${url as string}/dashboard`);
    expect(dash.status).toBe(200);
    expect(dash.headers.get('content-security-policy')).toContain("script-src 'nonce-");

    run.child.kill('SIGTERM');
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    expect(text).toContain(': server shutting down\n\n');
    expect(await run.exit).toBe(0);
    expect(run.stdout()).not.toContain(token as string); // logs never hold the token
  });

  it('--dev alone listens on loopback only and starts without configuration notes', async () => {
    // serve() removes HOST and NODE_ENV from the environment: nothing set but --dev.
    const run = serve(['--dev', '--port', '0'], {});
    const [, url] = await run.waitStderr(/control service on (http:\/\/[^\s]+)/);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const listening = [...run.stdout().matchAll(/Server listening at (http:\/\/[^"]+)/g)].map((m) => m[1]);
    expect(listening.length).toBeGreaterThan(0);
    for (const address of listening) expect(address).toMatch(/^http:\/\/127\.0\.0\.1:/);
    expect(run.stderr()).not.toContain('configuration notes');
    run.child.kill('SIGTERM');
    // Signal handlers are installed before the banner: a SIGTERM sent on reading it shuts down cleanly.
    expect(await run.exit, run.stderr()).toBe(0);
  });

  it('refuses to start on an error finding and prints it', async () => {
    const run = serve(['--port', '0'], { NODE_ENV: 'production', REDIS_URL: 'redis://127.0.0.1:1', JWT_ALGORITHM: 'none' });
    expect(await run.exit).toBe(1);
    expect(run.stderr()).toMatch(/refusing to start/);
    expect(run.stderr()).toMatch(/M1_ADMIN_JWT_SECRET/);
  });

  it('refuses to start when REDIS_URL does not answer, saying so', async () => {
    const run = serve(['--dev', '--port', '0', '--host', '127.0.0.1'], { NODE_ENV: 'development', REDIS_URL: 'redis://127.0.0.1:1', REDIS_CONNECT_TIMEOUT_MS: '300' });
    expect(await run.exit).toBe(1);
    expect(run.stderr()).toContain('cannot reach Redis: connect ECONNREFUSED 127.0.0.1:1');
  });

  it('rejects unknown options with usage (exit 2)', async () => {
    const run = serve(['--bogus'], {});
    expect(await run.exit).toBe(2);
    expect(run.stderr()).toContain('unknown option --bogus');
    expect(run.stderr()).toContain('usage: m1-ops serve');
  });
});
