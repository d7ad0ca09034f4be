// `m1-ops token ...` as a process (the built binary) against a real service on port 0 (embedded
// store in a temp dir): output, exit codes 0/1/2, one-line errors, the token never printed.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAdminToken } from '../../service/src/http/auth';
import { buildCli, cleanEnv, m1ops, STACK_LINE, type Built, type RunResult } from '../cli/binary';
import { freePort } from '../support/ports';
import { startTestService, TEST_SECRET, type TestService } from '../service/harness';
import { appToken } from './api-client';

let built: Built;
let svc: TestService;
let admin: string;
const dataDir = mkdtempSync(join(tmpdir(), 'm1-rev-cli-'));

beforeAll(async () => {
  [built, svc] = await Promise.all([buildCli(), startTestService({ M1_DATA_DIR: dataDir, LOG_LEVEL: 'warn' })]);
  admin = await signAdminToken(TEST_SECRET, { sub: 'cli-admin', scopes: ['tokens:revoke', 'tokens:read', 'tokens:audit'], ttlS: 600 });
});
afterAll(async () => {
  await svc.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const token = (args: string[], env: Record<string, string> = {}): Promise<RunResult> =>
  m1ops(built, ['token', ...args], { env: { M1_OPS_URL: svc.url, M1_OPS_TOKEN: admin, ...env } });

function oneLineError(r: RunResult): void {
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^m1-ops: /);
  expect(r.stderr).not.toMatch(STACK_LINE);
}

describe('m1-ops token', () => {
  it('revoke TOKEN shows the decoded claims, revokes, never prints the token', async () => {
    const jti = randomUUID();
    const jwt = await appToken({ jti, sub: 'ivy', tool: 'deploy' });
    const r = await token(['revoke', jwt, '--reason', 'leaked in CI log']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`jti\\s+${jti}`));
    expect(r.stdout).toMatch(/sub\s+ivy/);
    expect(r.stdout).toMatch(/tool\s+deploy/);
    expect(r.stdout).toMatch(/exp\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ \(in \d+ min\)/);
    expect(r.stdout).toContain(`Revoked jti ${jti}.`);
    expect(r.stdout + r.stderr).not.toContain(jwt);
    const s = await token(['status', jti]);
    expect(s.code).toBe(0);
    expect(s.stdout).toContain(`jti ${jti} is REVOKED`);
    expect(s.stdout).toMatch(/reason\s+leaked in CI log/);
    expect(s.stdout).toMatch(/by\s+cli-admin/);
  });

  it('revoke - reads the token from stdin', async () => {
    const jti = randomUUID();
    const jwt = await appToken({ jti, sub: 'lou' });
    const child = spawn(process.execPath, [built.bin, 'token', 'revoke', '-', '--reason', 'from stdin'], {
      env: cleanEnv({ M1_OPS_URL: svc.url, M1_OPS_TOKEN: admin }),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stdin.end(`${jwt}\n`);
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(code).toBe(0);
    expect(stdout).toMatch(/sub\s+lou/);
    expect(stdout).toContain(`Revoked jti ${jti}.`);
    expect(stdout).not.toContain(jwt);
  });

  it('revoke JTI, status --json, and an unknown jti', async () => {
    const jti = `cli-${randomUUID()}`;
    expect((await token(['revoke', jti])).code).toBe(0);
    const s = await token(['status', jti, '--json']);
    expect(JSON.parse(s.stdout)).toMatchObject({ revoked: true, record: { jti, actor: 'cli-admin' } });
    const u = await token(['status', 'never-revoked']);
    expect(u.code).toBe(0);
    expect(u.stdout).toContain('jti never-revoked is not revoked');
  });

  it('revoke-all needs --sub or --tool and --reason', async () => {
    const r = await token(['revoke-all', '--sub', 'jay', '--reason', 'left the company']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Revoked every token of subject jay issued before \d{4}-/);
    for (const args of [['revoke-all', '--sub', 'jay'], ['revoke-all', '--reason', 'x'], ['revoke-all', '--sub', 'a', '--tool', 'b', '--reason', 'x']]) {
      const bad = await token(args);
      expect(bad.code).toBe(2);
      oneLineError(bad);
    }
  });

  it('audit prints a table, --json, and filters', async () => {
    const tool = `cli-tool-${randomUUID().slice(0, 6)}`;
    await token(['revoke', `a-${randomUUID()}`]);
    const other = await signAdminToken(TEST_SECRET, { sub: 'other-admin', scopes: ['tokens:revoke'], ttlS: 600 });
    await token(['revoke-all', '--tool', tool, '--reason', 'compromised'], { M1_OPS_TOKEN: other });
    const t = await token(['audit', '--since', '1h']);
    expect(t.code).toBe(0);
    const lines = t.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^TIME\s+ACTION\s+ACTOR\s+TARGET\s+CLIENT\s+REASON$/);
    expect(lines[1]).toMatch(new RegExp(`revoke-all\\s+other-admin\\s+tool=${tool}\\s+\\S+\\s+compromised`));
    const j = await token(['audit', '--tool', tool, '--json']);
    expect(JSON.parse(j.stdout)).toEqual({ entries: [expect.objectContaining({ action: 'revoke-all', actor: 'other-admin', tool, reason: 'compromised' })] });
    const none = await token(['audit', '--actor', 'nobody-at-all']);
    expect(none.stdout).toBe('No audit entries match.\n');
  });

  it('exit 2 with what to do when the service cannot be reached', async () => {
    const port = await freePort();
    const r = await token(['status', 'x'], { M1_OPS_URL: `http://127.0.0.1:${port}` });
    expect(r.code).toBe(2);
    oneLineError(r);
    expect(r.stderr).toMatch(/cannot reach the M1 Ops service at http:\/\/127\.0\.0\.1:\d+ \(connection refused\); check --url \/ M1_OPS_URL/);
  });

  it('exit 1 with what to do for a bad admin token (401) and a missing scope (403)', async () => {
    const bad = await token(['status', 'x'], { M1_OPS_TOKEN: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad' });
    expect(bad.code).toBe(1);
    oneLineError(bad);
    expect(bad.stderr).toMatch(/rejected the admin token \(401: .*\); set M1_OPS_TOKEN/);
    expect(bad.stderr).not.toContain('eyJ');
    const reader = await signAdminToken(TEST_SECRET, { sub: 'r', scopes: ['tokens:read'], ttlS: 600 });
    const scope = await token(['revoke', 'some-jti'], { M1_OPS_TOKEN: reader });
    expect(scope.code).toBe(1);
    oneLineError(scope);
    expect(scope.stderr).toContain('the admin token lacks the scope "tokens:revoke" (403)');
  });

  it('exit 1 relaying the service\'s reason for a token without jti', async () => {
    const r = await token(['revoke', await appToken({ sub: 'kim' })]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/jti\s+\(none/);
    expect(r.stderr).toMatch(/refused the request \(400: cannot revoke this token: it has no `jti` claim/);
  });

  it('exit 2 without M1_OPS_TOKEN, for unknown subcommands and flags', async () => {
    const r = await m1ops(built, ['token', 'status', 'x'], { env: { M1_OPS_URL: svc.url } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('set M1_OPS_TOKEN');
    for (const args of [['frobnicate'], ['status'], ['revoke', 'a', '--since', '1h'], ['audit', '--limit', 'lots']]) {
      const u = await token(args);
      expect(u.code).toBe(2);
      oneLineError(u);
    }
    const h = await token(['--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('Exit codes: 0 done; 1');
  });
});
