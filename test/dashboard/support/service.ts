// The real control service in-process for the dashboard tests: test/service/harness.ts's service
// (the same loadConfig + createDeps + buildApp as `m1-ops serve`), seen as these tests use it: with
// its port, so a test can stop it and start it again where the page expects it ("service restarted").
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../../service/src/deps';
import { SCOPES, signAdminToken } from '../../../service/src/http/auth';
import { startTestService, TEST_SECRET } from '../../service/harness';

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
  const s = await startTestService({ M1_DATA_DIR: opts.dataDir, ...opts.env }, opts.port === undefined ? {} : { port: opts.port });
  return {
    app: s.app,
    deps: s.deps,
    url: s.url,
    port: Number(new URL(s.url).port),
    logs: s.logs,
    token: (scopes = SCOPES, sub = 'dashboard-test') => signAdminToken(TEST_SECRET, { sub, scopes, ttlS: 600 }),
    close: () => s.close(),
  };
}

/** `n` tools events with the given duration, server time. */
export function toolsEvents(n: number, durationMs: number, status: 'ok' | 'error' = 'ok'): object[] {
  return Array.from({ length: n }, (_, i) => ({ type: 'tools', tool: `tool-${i % 3}`, status, durationMs }));
}
