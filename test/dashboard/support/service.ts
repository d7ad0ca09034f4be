// The real control service in-process for the dashboard tests: the same loadConfig + createDeps +
// buildApp as `m1-ops serve` (and as test/service/harness.ts), but able to listen on a given port,
// so a test can stop it and start it again where the page expects it (the "service restarted" case).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../service/src/app';
import { loadConfig } from '../../../service/src/config';
import { closeDeps, createDeps, type AppDeps } from '../../../service/src/deps';
import { SCOPES, signAdminToken } from '../../../service/src/http/auth';

export const SECRET = 'dashboard-test-secret-0123456789abcdef-0123456789abcdef';

export interface RunningService {
  app: FastifyInstance;
  deps: AppDeps;
  url: string;
  port: number;
  logs: string[];
  token(scopes?: readonly string[], sub?: string): Promise<string>;
  close(): Promise<void>;
}

export function tempDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'm1-dash-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function startService(opts: { env?: Record<string, string>; port?: number; dataDir: string }): Promise<RunningService> {
  const config = loadConfig(
    { M1_ADMIN_JWT_SECRET: SECRET, LOG_LEVEL: 'info', M1_DATA_DIR: opts.dataDir, ...opts.env },
    { port: opts.port ?? 0, host: '127.0.0.1' },
  );
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(chunk.toString('utf8'));
      cb();
    },
  });
  const deps = await createDeps(config, { logStream });
  const app = await buildApp(config, deps);
  const url = await app.listen({ port: opts.port ?? 0, host: '127.0.0.1' });
  return {
    app,
    deps,
    url,
    port: Number(new URL(url).port),
    logs,
    token: (scopes = SCOPES, sub = 'dashboard-test') => signAdminToken(SECRET, { sub, scopes, ttlS: 600 }),
    async close() {
      await app.close();
      await closeDeps(deps);
    },
  };
}

/** `n` tools events with the given duration, server time. */
export function toolsEvents(n: number, durationMs: number, status: 'ok' | 'error' = 'ok'): object[] {
  return Array.from({ length: n }, (_, i) => ({ type: 'tools', tool: `tool-${i % 3}`, status, durationMs }));
}
