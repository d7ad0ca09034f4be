// The service on the embedded store, killed with SIGKILL right after it acknowledged revocations:
// a restarted service still has every acknowledged revocation and its audit entry.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signAdminToken } from '../../service/src/http/auth';
import { TEST_SECRET } from '../service/harness';
import { get, post } from './api-client';

const work = mkdtempSync(join(tmpdir(), 'm1-rev-kill9-'));
const dataDir = join(work, 'data');
const bundle = join(work, 'service-child.cjs');
const children: ChildProcess[] = [];

beforeAll(async () => {
  await build({
    entryPoints: [join(__dirname, 'service-child.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: ['node20'],
    external: ['pg-native', 'cpu-features', 'ssh2', 'bufferutil', 'utf-8-validate'],
    logLevel: 'silent',
  });
});
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

async function startService(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [bundle], {
    env: { PATH: process.env.PATH ?? '', M1_DATA_DIR: dataDir, M1_ADMIN_JWT_SECRET: TEST_SECRET },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  for await (const line of createInterface({ input: child.stdout as NodeJS.ReadableStream })) {
    const m = /^listening (\S+)$/.exec(line);
    if (m?.[1]) return { url: m[1], child };
  }
  throw new Error('the service exited before listening');
}

it('keeps every acknowledged revocation and audit entry across kill -9', async () => {
  const admin = await signAdminToken(TEST_SECRET, { sub: 'kill-admin', scopes: ['tokens:revoke', 'tokens:read', 'tokens:audit'], ttlS: 600 });
  const first = await startService();
  const exited = new Promise<NodeJS.Signals | null>((r) => first.child.once('exit', (_c, s) => r(s)));
  const jtis = Array.from({ length: 200 }, () => randomUUID());
  const acked: string[] = [];
  let killed = false;
  await Promise.all(
    jtis.map(async (jti, i) => {
      try {
        const r = await post(`${first.url}/v1/tokens/revoke`, admin, { jti, reason: `burst ${i}` });
        if (r.status === 200) acked.push(jti);
        // Right after the 50th acknowledgement, with the rest still in flight.
        if (acked.length === 50 && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      } catch {
        // in flight when the process died: never acknowledged, so nothing is promised
      }
    }),
  );
  expect(await exited).toBe('SIGKILL');
  expect(acked.length).toBeGreaterThanOrEqual(50);

  const second = await startService();
  for (const jti of acked) {
    const s = await get(`${second.url}/v1/tokens/${jti}`, admin);
    expect(s.body).toMatchObject({ revoked: true, record: { jti, actor: 'kill-admin' } });
  }
  const audit = await get(`${second.url}/v1/tokens/audit?actor=kill-admin&limit=1000`, admin);
  const audited = new Set((audit.body as { entries: Array<{ jti: string }> }).entries.map((e) => e.jti));
  expect(acked.filter((j) => !audited.has(j))).toEqual([]);
  second.child.kill('SIGTERM');
});
