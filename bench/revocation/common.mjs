// Shared by the revocation benchmarks: the built library, a private redis-server on a free port
// (never the machine's shared Redis: the benchmarks stop, pause and fill it), percentiles.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

export function loadLibrary() {
  const file = join(root, 'dist', 'revocation.js');
  if (!existsSync(file)) {
    process.stderr.write('dist/revocation.js is missing: run `node scripts/build.mjs` first\n');
    process.exit(2);
  }
  return require(file);
}

export const Redis = require('ioredis').Redis;

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function answers(port) {
  return new Promise((resolve) => {
    const sock = new Socket();
    const done = (ok) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(200, () => done(false));
    sock.once('error', () => done(false));
    sock.connect(port, '127.0.0.1', () => sock.write('PING\r\n'));
    sock.once('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

/** Starts redis-server on a free port; resolves to { url, port, pid, stop(), restart() }. */
export async function startRedis() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'm1-bench-redis-'));
  let proc;
  const launch = async () => {
    proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
    await new Promise((res, rej) => {
      proc.once('spawn', res);
      proc.once('error', rej);
    });
    for (let i = 0; i < 400 && !(await answers(port)); i++) await new Promise((r) => setTimeout(r, 25));
  };
  await launch();
  const stop = async () => {
    if (!proc || proc.exitCode !== null) return;
    const p = proc;
    await new Promise((r) => {
      p.once('exit', r);
      p.kill('SIGTERM');
    });
  };
  process.once('exit', () => {
    proc?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  return { url: `redis://127.0.0.1:${port}`, port, get pid() { return proc.pid; }, stop, restart: launch };
}

export function pct(xs, p) {
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

export function claims(i, extra = {}) {
  const now = Math.floor(Date.now() / 1000);
  return { jti: `bench-${i}-${Math.random().toString(36).slice(2, 10)}`, sub: `user-${i % 1000}`, iat: now - 60, exp: now + 3600, ...extra };
}

export const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
