// Starts the real service on 127.0.0.1:0 for a test: the same createDeps + buildApp as `m1-ops serve`,
// with logs captured in memory (so tests can assert what is and is not logged).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../service/src/app';
import { loadConfig, type ServiceConfig } from '../../service/src/config';
import { closeDeps, createDeps, type AppDeps, type DepsOptions } from '../../service/src/deps';
import { SCOPES, signAdminToken } from '../../service/src/http/auth';

export const TEST_SECRET = 'test-admin-secret-0123456789abcdef-0123456789abcdef';

export interface TestService {
  app: FastifyInstance;
  deps: AppDeps;
  config: ServiceConfig;
  url: string;
  logs: string[];
  token(scopes?: readonly string[], ttlS?: number): Promise<string>;
  /** Events this instance's store delivered since start (Redis: through XREAD), and the newest id. */
  delivered(): { count: number; latestSeq: number };
  /** Resolves once `count` events have been delivered (a deadline guards it; no sleeping). */
  waitDelivered(count: number, ms?: number): Promise<void>;
  close(): Promise<void>;
}

export interface TestServiceOptions extends Omit<DepsOptions, 'logStream'> {
  /** Listen on this port (a restart on the port a first instance got); default 0, a free one. */
  port?: number;
}

export async function startTestService(env: Record<string, string> = {}, options: TestServiceOptions = {}): Promise<TestService> {
  const { port = 0, ...opts } = options;
  // Each service gets its own data directory (revocation log, event sequence) unless the test
  // names one: parallel test files must never share ./.m1-ops.
  const ownDataDir = env.M1_DATA_DIR === undefined ? mkdtempSync(join(tmpdir(), 'm1-svc-data-')) : null;
  const config = loadConfig(
    { M1_ADMIN_JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'info', ...(ownDataDir ? { M1_DATA_DIR: ownDataDir } : {}), ...env },
    { port, host: '127.0.0.1' },
  );
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(chunk.toString('utf8'));
      cb();
    },
  });
  const deps = await createDeps(config, { ...opts, logStream });
  const app = await buildApp(config, deps);
  const seen = { count: 0, latestSeq: 0 };
  const waiters = new Set<() => void>();
  deps.store.subscribe({
    onEvents(batch) {
      seen.count += batch.length;
      seen.latestSeq = (batch[batch.length - 1] as { seq: number }).seq;
      for (const w of [...waiters]) w();
    },
    onGap() {},
  });
  const address = await app.listen({ port, host: '127.0.0.1' });
  return {
    app,
    deps,
    config,
    url: address,
    logs,
    token: (scopes = SCOPES, ttlS = 600) => signAdminToken(TEST_SECRET, { sub: 'test-admin', scopes, ttlS }),
    delivered: () => ({ ...seen }),
    waitDelivered(count, ms = 15_000) {
      if (seen.count >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const check = () => {
          if (seen.count >= count) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`only ${seen.count} of ${count} events delivered`));
        }, ms);
        waiters.add(check);
      });
    },
    async close() {
      await app.close();
      await closeDeps(deps);
      if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true });
    },
  };
}

export async function postJson(url: string, body: unknown, token?: string, raw?: string): Promise<{ status: number; body: unknown; headers: Headers }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: raw ?? JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed, headers: res.headers };
}
