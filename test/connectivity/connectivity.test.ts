// The live checks against real services: the machine's Redis and PostgreSQL, a private
// redis-server with a password, loopback HTTP servers, a port nobody listens on, an `.invalid` host.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkConnectivity } from '../../server/src/connectivity/index';
import { freePort } from '../support/ports';
import { contextFor } from './context';
import { startHttp, type TestHttpServer } from './http-server';
import { startRedisWithPassword, type PasswordRedis } from './redis-with-password';

const PASSWORD = 'Sup3r-s3cret-pw-do-not-print';
const redisUrl = inject('redisUrl');
const databaseUrl = inject('databaseUrl');
const pgIt = databaseUrl || inject('requireServices') ? it : it.skip;

async function findingsFor(vars: Record<string, string>, opts: { timeoutMs?: number; profile?: 'production' } = {}) {
  const ctx = contextFor(vars, opts.profile ? { profile: opts.profile } : {});
  return { ctx, findings: await checkConnectivity(ctx, { timeoutMs: opts.timeoutMs ?? 3000 }) };
}

describe('Redis', () => {
  let auth: PasswordRedis;
  beforeAll(async () => {
    auth = await startRedisWithPassword(PASSWORD);
  });
  afterAll(async () => {
    await auth.stop();
  });

  it('reports nothing for the running Redis', async () => {
    const { findings } = await findingsFor({ REDIS_URL: redisUrl });
    expect(findings).toEqual([]);
  });

  it('reports nothing with the right password', async () => {
    const { findings } = await findingsFor({ REDIS_URL: `redis://:${encodeURIComponent(PASSWORD)}@127.0.0.1:${auth.port}` });
    expect(findings).toEqual([]);
  });

  it('names authentication, on the value, without the password, for a wrong password', async () => {
    const value = `redis://:${PASSWORD}-wrong@127.0.0.1:${auth.port}/0`;
    const { ctx, findings } = await findingsFor({ NODE_ENV: 'development', REDIS_URL: value });
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f).toMatchObject({ rule: 'unreachable', level: 'warning', key: 'REDIS_URL' });
    expect(f.message).toMatch(/authentication failed \(WRONGPASS\)/);
    expect(f.message).toContain(`127.0.0.1:${auth.port}`);
    expect(f.message).not.toContain(PASSWORD);
    const entry = ctx.effective.get('REDIS_URL')!;
    expect(f.range).toEqual(ctx.range(entry.rawSpan));
    expect(f.range.start).toEqual({ line: 1, character: 'REDIS_URL='.length });
  });

  it('names authentication when the server needs a password and none is given', async () => {
    const { findings } = await findingsFor({ REDIS_URL: `redis://127.0.0.1:${auth.port}` });
    expect(findings[0]?.message).toMatch(/authentication failed \(NOAUTH\)/);
  });

  it('accepts a password sent to a server that needs none (the app connects too)', async () => {
    const { findings } = await findingsFor({ REDIS_URL: redisUrl.replace('redis://', 'redis://:unneeded@') });
    expect(findings).toEqual([]);
  });

  it('says "refused" for a port nobody listens on, as an error in production', async () => {
    const port = await freePort();
    const { findings } = await findingsFor({ REDIS_URL: `redis://:${PASSWORD}@127.0.0.1:${port}` }, { profile: 'production' });
    expect(findings[0]).toMatchObject({ level: 'error' });
    expect(findings[0]?.message).toMatch(/connection refused/);
    expect(findings[0]?.message).not.toContain(PASSWORD);
  });

  it('says DNS for an .invalid host', async () => {
    const { findings } = await findingsFor({ REDIS_URL: 'redis://m1-ops-test.invalid:6379' });
    expect(findings[0]?.message).toMatch(/DNS lookup of m1-ops-test\.invalid failed/);
  });
});

describe('PostgreSQL', () => {
  const db = (): URL => new URL(databaseUrl ?? 'postgres://postgres@127.0.0.1:5432/postgres');

  pgIt('reports nothing for the running PostgreSQL', async () => {
    const { findings } = await findingsFor({ DATABASE_URL: db().href });
    expect(findings).toEqual([]);
  });

  pgIt('names authentication for a role that does not exist (SQLSTATE 28000), never the password', async () => {
    const u = db();
    u.username = 'm1_ops_no_such_role';
    u.password = PASSWORD;
    const { findings } = await findingsFor({ DATABASE_URL: u.href });
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toMatch(/authentication failed \(28000 .*m1_ops_no_such_role/);
    expect(findings[0]?.message).not.toContain(PASSWORD);
  });

  pgIt('reports a database that does not exist with PostgreSQL’s own words', async () => {
    const u = db();
    u.pathname = '/m1_ops_no_such_db';
    const { findings } = await findingsFor({ DATABASE_URL: u.href });
    expect(findings[0]?.message).toMatch(/3D000 .*does not exist/);
  });

  pgIt('names TLS when sslmode asks for a verified TLS connection the local server cannot give, without pg’s process warning', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error): void => {
      warnings.push(w.message);
    };
    process.on('warning', onWarning);
    const u = db();
    u.searchParams.set('sslmode', 'require');
    const { findings } = await findingsFor({ DATABASE_URL: u.href });
    process.off('warning', onWarning);
    // Self-signed snakeoil certificate, or no SSL at all: either way a TLS problem.
    expect(findings[0]?.message).toMatch(/TLS handshake failed/);
    expect(warnings.filter((w) => w.includes('sslmode') || w.includes('SSL modes'))).toEqual([]);
  });

  it('says "refused" for a port nobody listens on', async () => {
    const port = await freePort();
    const { findings } = await findingsFor({ DATABASE_URL: `postgres://app:${PASSWORD}@127.0.0.1:${port}/app` });
    expect(findings[0]?.message).toMatch(/PostgreSQL at 127\.0\.0\.1:\d+ \(DATABASE_URL\) is unreachable: connection refused/);
    expect(findings[0]?.message).not.toContain(PASSWORD);
  });

  it('says DNS for an .invalid host', async () => {
    const { findings } = await findingsFor({ DATABASE_URL: `postgres://app:${PASSWORD}@m1-ops-test.invalid/app` });
    expect(findings[0]?.message).toMatch(/DNS lookup/);
  });
});

describe('HTTP health', () => {
  let ok: TestHttpServer;
  let failing: TestHttpServer;
  let hanging: TestHttpServer;
  beforeAll(async () => {
    ok = await startHttp((_req, res) => res.writeHead(200).end('ok'));
    failing = await startHttp((_req, res) => res.writeHead(503).end('down'));
    hanging = await startHttp(() => undefined);
  });
  afterAll(async () => {
    await Promise.all([ok.close(), failing.close(), hanging.close()]);
  });

  it('GETs <base>/healthz and accepts a 200', async () => {
    const { findings } = await findingsFor({ M1_API_BASE_URL: `${ok.url}/v1` });
    expect(findings).toEqual([]);
    expect(ok.requests).toContain('/v1/healthz');
  });

  it('reports a 5xx on M1_ANALYTICS_URL', async () => {
    const { findings } = await findingsFor({ M1_ANALYTICS_URL: failing.url });
    expect(findings[0]).toMatchObject({ key: 'M1_ANALYTICS_URL', rule: 'unreachable' });
    expect(findings[0]?.message).toMatch(/HTTP 503/);
  });

  it('names a timeout when the server never answers', async () => {
    const { findings } = await findingsFor({ M1_API_BASE_URL: hanging.url }, { timeoutMs: 200 });
    expect(findings[0]?.message).toMatch(/timeout: no answer within 200 ms/);
  });

  it('never shows the password of a URL with user info', async () => {
    const { findings } = await findingsFor({ M1_API_BASE_URL: failing.url.replace('http://', `http://admin:${PASSWORD}@`) });
    expect(findings[0]?.message).toMatch(/HTTP 503/);
    expect(findings[0]?.message).not.toContain(PASSWORD);
  });

  it('says "refused" for a port nobody listens on', async () => {
    const port = await freePort();
    const { findings } = await findingsFor({ M1_API_BASE_URL: `http://127.0.0.1:${port}` });
    expect(findings[0]?.message).toMatch(/connection refused/);
  });

  it('names TLS when https:// meets a plain HTTP server', async () => {
    const { findings } = await findingsFor({ M1_API_BASE_URL: ok.url.replace('http://', 'https://') });
    expect(findings[0]?.message).toMatch(/TLS handshake failed/);
  });

  it('runs the checks in parallel and reports each on its own variable', async () => {
    const port = await freePort();
    const { findings } = await findingsFor({ M1_API_BASE_URL: failing.url, M1_ANALYTICS_URL: `http://127.0.0.1:${port}`, REDIS_URL: redisUrl });
    expect(findings.map((f) => f.key).sort()).toEqual(['M1_ANALYTICS_URL', 'M1_API_BASE_URL']);
  });

  it('rejects when the caller aborts', async () => {
    const ctx = contextFor({ M1_API_BASE_URL: hanging.url });
    const controller = new AbortController();
    const pending = checkConnectivity(ctx, { timeoutMs: 60_000, signal: controller.signal });
    controller.abort(new Error('superseded'));
    await expect(pending).rejects.toThrow('superseded');
  });
});

describe('JWKS', () => {
  let server: TestHttpServer;
  const bodies: Record<string, [number, string]> = {
    '/valid': [200, JSON.stringify({ keys: [{ kty: 'RSA', kid: 'k1', n: 'AQAB', e: 'AQAB' }] })],
    '/not-json': [200, '<html>hello</html>'],
    '/no-keys': [200, JSON.stringify({ key: [] })],
    '/empty': [200, JSON.stringify({ keys: [] })],
    '/missing': [404, 'not found'],
    '/private': [401, 'who are you'],
  };
  beforeAll(async () => {
    server = await startHttp((req, res) => {
      const [status, body] = bodies[req.url ?? ''] ?? [500, ''];
      res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('accepts a valid key set', async () => {
    const { findings } = await findingsFor({ JWKS_URL: `${server.url}/valid` });
    expect(findings).toEqual([]);
  });

  it.each([
    ['/not-json', /not JSON/],
    ['/no-keys', /not a JWKS/],
    ['/empty', /key set is empty/],
    ['/missing', /HTTP 404/],
    ['/private', /authentication failed \(HTTP 401\)/],
  ])('reports %s', async (path, message) => {
    const { findings } = await findingsFor({ JWKS_URL: `${server.url}${path}` });
    expect(findings[0]).toMatchObject({ key: 'JWKS_URL', rule: 'unreachable' });
    expect(findings[0]?.message).toMatch(message);
  });
});

describe('what is not checked', () => {
  it('skips example files, missing and malformed values', async () => {
    const port = await freePort();
    const example = contextFor({ REDIS_URL: `redis://127.0.0.1:${port}` }, { fileName: '.env.example' });
    expect(await checkConnectivity(example)).toEqual([]);
    const { findings } = await findingsFor({ REDIS_URL: 'not a url', DATABASE_URL: 'http://wrong-scheme', JWKS_URL: '' });
    expect(findings).toEqual([]);
  });
});
