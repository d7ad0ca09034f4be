// No secret in any output. Known secret values are put everywhere a real deployment has them: the
// service's environment (M1_ADMIN_JWT_SECRET, REDIS_URL with the password of a requirepass Redis,
// DATABASE_URL), a config file validated by the CLI (text, JSON, SARIF, --connectivity) and opened in
// the language server (diagnostics, hovers, outline, connectivity check), and tokens (admin tokens
// in headers and ?access_token=, revoked tokens through the API and the CLI, a tampered one).
// Failure paths are provoked on purpose (wrong Redis password, production refusal, Redis restarted
// under the service, 401s, 400s). Every line written by the service processes, the CLI and the
// language server is captured; the test fails if any secret (or a token's signature) appears.
// `m1-ops parse` is left out: printing the file's values is what it is for.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/ports';
import { binaries, type Binaries } from './support/build';
import { runCli, type CliRun } from './support/cli';
import { Figures } from './support/figures';
import { healthy, postJson, send, statusOf } from './support/http';
import { docUri, LspClient } from './support/lsp';
import { PrivateRedis } from './support/redis';
import { databaseUrl, envFile, leaks, redisUrl, SecretSet, type Captured } from './support/secrets';
import { ServeProcess } from './support/serve';
import { adminToken, appToken, sign, unsignedToken } from './support/tokens';
import { pollUntil } from './support/waiters';

const figures = new Figures('secrets');
const secrets = new SecretSet();
const captured: Captured[] = [];
const processes: ServeProcess[] = [];
let bin: Binaries;
let redis: PrivateRedis;
let dbPort: number;
let admin: string;
let dir: string;

beforeAll(async () => {
  bin = binaries();
  [redis, dbPort] = await Promise.all([PrivateRedis.start({ password: secrets.redisPassword }), freePort()]);
  admin = await adminToken(secrets.adminSecret, { sub: 'secrets-admin' });
  secrets.addToken('admin token', admin);
  dir = mkdtempSync(join(tmpdir(), 'm1-rel-secrets-'));
  writeFileSync(join(dir, '.env'), envFile(secrets, redis.port, dbPort, secrets.redisPassword, admin));
  writeFileSync(join(dir, '.env.production'), envFile(secrets, redis.port, dbPort, secrets.redisPassword, admin).replace('NODE_ENV=development', 'NODE_ENV=production'));
  writeFileSync(join(dir, '.env.staging'), envFile(secrets, redis.port, dbPort, secrets.wrongRedisPassword, admin));
}, 120_000);
afterAll(async () => {
  for (const p of processes) if (p.alive) await p.kill('SIGKILL');
  await redis?.stop();
});

function serviceEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    M1_ADMIN_JWT_SECRET: secrets.adminSecret,
    REDIS_URL: redisUrl(secrets.redisPassword, redis.port),
    REDIS_KEY_PREFIX: 'sec:',
    DATABASE_URL: databaseUrl(secrets.dbPassword, dbPort),
    JWT_SECRET: secrets.jwtSecret,
    M1_DATA_DIR: join(dir, 'data'),
    LOG_LEVEL: 'trace',
    REDIS_COMMAND_TIMEOUT_MS: '300',
    ...extra,
  };
}

function keepCli(r: CliRun): CliRun {
  captured.push({ source: `m1-ops ${r.args.join(' ')} (stdout)`, text: r.stdout }, { source: `m1-ops ${r.args.join(' ')} (stderr)`, text: r.stderr });
  return r;
}

describe('secrets never appear in output', () => {
  it('the service: two instances on a password Redis, traffic with every kind of token, failures on purpose', { timeout: 180_000 }, async () => {
    const [a, b] = await Promise.all(
      ['sec-a', 'sec-b'].map((label) => ServeProcess.start(bin.cli, { env: serviceEnv({ M1_INSTANCE_ID: label }), args: [], label })),
    );
    processes.push(a as ServeProcess, b as ServeProcess);
    const urlA = (a as ServeProcess).url;
    const urlB = (b as ServeProcess).url;

    const revoked = await Promise.all([0, 1, 2].map(() => appToken(secrets.adminSecret, randomUUID(), 'secret-user')));
    revoked.forEach((t, i) => secrets.addToken(`revoked token ${i}`, t));
    const tampered = `${admin.split('.').slice(0, 2).join('.')}.${(await adminToken(`${secrets.adminSecret}x`)).split('.')[2] as string}`;
    secrets.addToken('tampered admin token', tampered);
    const otherKey = await adminToken(secrets.jwtSecret);
    secrets.addToken('token signed with JWT_SECRET', otherKey);

    expect((await postJson(`${urlA}/v1/events`, { type: 'costs', amountUsd: 1 }, admin)).status).toBe(202);
    expect(await statusOf(`${urlA}/v1/stream?access_token=${encodeURIComponent(admin)}&types=costs`)).toBe(200);
    expect(await statusOf(`${urlB}/v1/stream`, { authorization: `Bearer ${admin}` })).toBe(200);
    expect((await postJson(`${urlA}/v1/tokens/revoke`, { token: revoked[0], reason: 'leaked' }, admin)).status).toBe(200);
    const form = await send('POST', `${urlB}/v1/tokens/revoke`, { token: admin, body: new URLSearchParams({ token: revoked[1] as string }).toString(), contentType: 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(200);
    expect((await postJson(`${urlB}/v1/tokens/introspect`, { token: revoked[0] }, admin)).text).toBe('{"active":false}');
    expect((await postJson(`${urlA}/v1/tokens/revoke`, { token: revoked[2], jti: 'both' }, admin)).status).toBe(400);
    for (const bad of [tampered, otherKey, unsignedToken({ sub: 'x', exp: 9e9 }), `${admin}x`]) {
      expect((await postJson(`${urlA}/v1/events`, { type: 'costs', amountUsd: 1 }, bad)).status).toBe(401);
      expect(await statusOf(`${urlB}/v1/stream?access_token=${encodeURIComponent(bad)}`)).toBe(401);
    }
    expect((await postJson(`${urlA}/v1/tokens/introspect`, { token: tampered }, admin)).text).toBe('{"active":false}');
    expect((await postJson(`${urlA}/v1/tokens/revoke`, { token: await sign(secrets.adminSecret, { expInS: 60 }) }, await adminToken(secrets.adminSecret, { scopes: ['events:write'] }))).status).toBe(403);

    // Redis restarted under the running service: connection errors are logged, without the URL.
    await redis.stop('SIGKILL');
    expect((await postJson(`${urlA}/v1/events`, { type: 'costs', amountUsd: 2 }, admin)).status).toBe(503);
    expect((await postJson(`${urlB}/v1/tokens/revoke`, { jti: randomUUID() }, admin)).status).toBe(503);
    await redis.start();
    await pollUntil(async () => (await healthy(urlA)) && (await healthy(urlB)) && (await postJson(`${urlA}/v1/events`, { type: 'costs', amountUsd: 3 }, admin)).status === 202, 'recovery', 60_000, 100);

    // Starts that are refused: a wrong Redis password; a production profile with findings.
    for (const [label, env] of [
      ['wrong-redis-password', serviceEnv({ REDIS_URL: redisUrl(secrets.wrongRedisPassword, redis.port), REDIS_CONNECT_TIMEOUT_MS: '1000' })],
      ['production', serviceEnv({ NODE_ENV: 'production', JWT_ALGORITHM: 'none', TOKEN_REVOCATION_FAIL_OPEN: 'true' })],
    ] as const) {
      const p = ServeProcess.launch(bin.cli, { env, args: [], label });
      processes.push(p);
      expect((await p.exitWithin(60_000)).code).toBe(1);
    }
    for (const p of [a, b] as ServeProcess[]) expect(await p.kill('SIGTERM')).toMatchObject({ code: 0 });
    for (const p of processes) captured.push({ source: `service ${p.label}`, text: p.lines.join('\n') });

    const logs = processes.map((p) => p.lines.join('\n')).join('\n');
    expect(logs).toContain('incoming request'); // request logs were captured (LOG_LEVEL trace)
    expect(logs).toContain('redis connection error');
    expect(logs).toMatch(/access_token=\[REDACTED\]/);
    expect(logs).toMatch(/refusing to start/);
  });

  it('the CLI: validate (text, json, sarif, --connectivity, three profiles) and token commands, incl. failures', { timeout: 180_000 }, async () => {
    const env = { M1_OPS_URL: '', NO_COLOR: '1' };
    const runs: CliRun[] = [];
    for (const args of [
      ['validate', dir],
      ['validate', dir, '--format', 'json'],
      ['validate', dir, '--format', 'sarif'],
      ['validate', join(dir, '.env'), '--connectivity'],
      ['validate', join(dir, '.env.staging'), '--connectivity', '--format', 'json'],
      ['validate', join(dir, '.env.production'), '--profile', 'production'],
    ]) {
      runs.push(keepCli(await runCli(bin.cli, args, env, undefined, dir)));
    }
    expect(runs.every((r) => r.code !== null && r.code <= 1)).toBe(true);
    expect(runs.map((r) => r.stdout).join('\n')).toContain('DATABASE_URL'); // the connectivity finding names the variable
    // Token commands against a service on the embedded store.
    const svc = await ServeProcess.start(bin.cli, { env: { M1_ADMIN_JWT_SECRET: secrets.adminSecret, M1_DATA_DIR: join(dir, 'cli-data'), LOG_LEVEL: 'trace' }, args: [], label: 'cli-target' });
    processes.push(svc);
    const jti = randomUUID();
    const t1 = await appToken(secrets.adminSecret, jti, 'cli-user');
    const t2 = await appToken(secrets.adminSecret, randomUUID(), 'cli-user');
    secrets.addToken('token revoked by the CLI', t1);
    secrets.addToken('token revoked by the CLI from stdin', t2);
    const tokenEnv = { M1_OPS_URL: svc.url, M1_OPS_TOKEN: admin, NO_COLOR: '1' };
    const revoke = keepCli(await runCli(bin.cli, ['token', 'revoke', t1, '--reason', 'leaked'], tokenEnv));
    expect(revoke.code).toBe(0);
    expect(revoke.stdout).toContain(jti); // the output was captured: it names the jti, never the token
    expect(keepCli(await runCli(bin.cli, ['token', 'revoke', '-'], tokenEnv, `${t2}\n`)).code).toBe(0);
    expect(keepCli(await runCli(bin.cli, ['token', 'status', jti, '--json'], tokenEnv)).code).toBe(0);
    expect(keepCli(await runCli(bin.cli, ['token', 'audit', '--json'], tokenEnv)).code).toBe(0);
    expect(keepCli(await runCli(bin.cli, ['token', 'revoke-all', '--sub', 'cli-user', '--reason', 'rotated'], tokenEnv)).code).toBe(0);
    const tampered = `${admin.split('.').slice(0, 2).join('.')}.AAAA${(admin.split('.')[2] as string).slice(4)}`;
    secrets.addToken('tampered M1_OPS_TOKEN', tampered);
    expect(keepCli(await runCli(bin.cli, ['token', 'status', jti], { ...tokenEnv, M1_OPS_TOKEN: tampered })).code).toBe(1);
    expect(keepCli(await runCli(bin.cli, ['token', 'revoke', t1], { ...tokenEnv, M1_OPS_URL: `http://127.0.0.1:${dbPort}` })).code).toBe(2);
    expect(await svc.kill('SIGTERM')).toMatchObject({ code: 0 });
    captured.push({ source: 'service cli-target', text: svc.lines.join('\n') });
  });

  it('the language server: diagnostics, hovers on every line, outline, connectivity check, its log', { timeout: 180_000 }, async () => {
    const lsp = await LspClient.start(bin.server);
    const results: unknown[] = [];
    for (const name of ['.env', '.env.production', '.env.staging']) {
      const text = envFile(secrets, redis.port, dbPort, name === '.env.staging' ? secrets.wrongRedisPassword : secrets.redisPassword, admin).replace(
        'NODE_ENV=development',
        name === '.env.production' ? 'NODE_ENV=production' : 'NODE_ENV=development',
      );
      const uri = docUri(name);
      const v = await lsp.set(uri, text);
      expect(await lsp.validated(uri, v, 60_000)).toBe('run');
      const lines = text.split('\n');
      for (let line = 0; line < lines.length; line++) {
        for (const character of [1, (lines[line] ?? '').indexOf('=') + 3]) {
          results.push(await lsp.ask('textDocument/hover', { textDocument: { uri }, position: { line, character } }, 30_000));
        }
      }
      results.push(await lsp.ask('textDocument/documentSymbol', { textDocument: { uri } }, 30_000));
      results.push(await lsp.ask('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } }, context: { diagnostics: [] } }, 30_000));
      results.push(await lsp.ask('m1ops/checkConnectivity', { uri }, 60_000));
    }
    expect(await lsp.stop()).toBe(0);
    // Fixes are edits of the document: their `newText` is the document's own text going back to the
    // editor that sent it (e.g. a value without its quotes), not a message. Everything else is scanned.
    const edits: string[] = [];
    const withoutEdits = (v: unknown): string =>
      JSON.stringify(v, (k, x: unknown) => {
        if (k === 'newText' && typeof x === 'string') {
          edits.push(x);
          return '[edit text]';
        }
        return x;
      });
    captured.push(
      { source: 'language server notifications (diagnostics, log, messages)', text: withoutEdits(lsp.received) },
      { source: 'language server answers (hover, outline, code actions, connectivity)', text: withoutEdits(results) },
      { source: 'language server stderr', text: lsp.stderr },
    );
    figures.set('lspEditsHoldingDocumentText', leaks(secrets, [{ source: 'edits', text: edits.join('\n') }]).length);
    expect(JSON.stringify(lsp.received)).toContain('publishDiagnostics');
    expect(JSON.stringify(results)).toContain('DATABASE_URL');
  });

  it('no secret, token or token signature in anything captured', () => {
    expect(captured.length).toBeGreaterThan(10);
    const found = leaks(secrets, captured);
    figures.set('scan', {
      secretsChecked: [...secrets.all().keys()],
      outputsCaptured: captured.length,
      bytesCaptured: captured.reduce((n, c) => n + c.text.length, 0),
      leaks: found,
    });
    figures.write();
    expect(found).toEqual([]);
  });
});
