// Attacks on tokens and inputs (issue 11, High 3, Medium 6-7, Low 8-14, introspection), against two
// `m1-ops serve` processes: one on the embedded store (with the application's JWT_SECRET), one on
// Redis (private key prefix).
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { deleteKeys, uniquePrefix } from '../service/redis-keys';
import { openStream, slowSocket } from './support/attack';
import { binaries } from './support/build';
import { Figures } from './support/figures';
import { json, postJson, send, statusOf } from './support/http';
import { ServeProcess, TEST_SECRET, killAll } from './support/serve';
import { adminToken, sign } from './support/tokens';

const APP_SECRET = 'reliability-app-secret-9c2e4b7a1f0d4e6b8a3c5d7e9f1b2c4d6e8fa0b1';
const figures = new Figures('attacks-tokens');
const redisUrl = inject('redisUrl');
const prefix = uniquePrefix('rel-atk');
const procs: ServeProcess[] = [];
const embeddedDir = mkdtempSync(join(tmpdir(), 'm1-rel-atk-'));
let E: ServeProcess;
let R: ServeProcess;
let R2: ServeProcess;
let admin: string;
type ErrorReply = { error: { code: string; message: string } };

const envE = { M1_DATA_DIR: embeddedDir, M1_ADMIN_JWT_SECRET: TEST_SECRET, JWT_SECRET: APP_SECRET, LOG_LEVEL: 'info', TOKEN_REVOCATION_CACHE_TTL_S: '1' };
const startE = async (): Promise<ServeProcess> => {
  const p = await ServeProcess.start(binaries().cli, { env: envE, args: [], label: 'attacks-embedded' });
  procs.push(p);
  return p;
};

beforeAll(async () => {
  const redisEnv = (i: number) => ({
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: prefix,
    M1_INSTANCE_ID: `atk-${i}`,
    M1_DATA_DIR: mkdtempSync(join(tmpdir(), 'm1-rel-atk-')),
    M1_ADMIN_JWT_SECRET: TEST_SECRET,
    LOG_LEVEL: 'warn',
  });
  [E, R, R2] = await Promise.all([
    startE(),
    ServeProcess.start(binaries().cli, { env: redisEnv(1), label: 'attacks-redis' }),
    ServeProcess.start(binaries().cli, { env: redisEnv(2), label: 'attacks-redis-2' }),
  ]);
  procs.push(R, R2);
  admin = await adminToken(TEST_SECRET, { sub: 'rel-admin' });
}, 120_000);
afterAll(async () => {
  figures.write();
  await killAll(procs);
  await deleteKeys(redisUrl, prefix);
});

/** Every authenticated route, as one request each with the given token; the statuses by route. */
async function everyRoute(base: string, token: string): Promise<Record<string, number>> {
  const h = { authorization: `Bearer ${token}` };
  const post = async (path: string, body: unknown) => (await send('POST', `${base}${path}`, { token, body: JSON.stringify(body) })).status;
  return {
    'POST /v1/events': await post('/v1/events', { type: 'costs', amountUsd: 1 }),
    'POST /v1/query': await post('/v1/query', { type: 'costs' }),
    'GET /v1/stream': await statusOf(`${base}/v1/stream`, h),
    'POST /v1/tokens/revoke': await post('/v1/tokens/revoke', { jti: `x-${randomUUID()}` }),
    'POST /v1/tokens/revoke-all': await post('/v1/tokens/revoke-all', { sub: `nobody-${randomUUID()}`, reason: 'probe' }),
    'POST /v1/tokens/introspect': await post('/v1/tokens/introspect', { token: admin }),
    'GET /v1/tokens/{jti}': (await send('GET', `${base}/v1/tokens/some-jti`, { token })).status,
    'GET /v1/tokens/audit': (await send('GET', `${base}/v1/tokens/audit`, { token })).status,
  };
}

const revoke = (base: string, body: unknown) => postJson(`${base}/v1/tokens/revoke`, body, admin);

describe('revoked and expired tokens', () => {
  it('a revoked operator token (by jti, and by revoke-all of its sub) is refused on every route, on both stores', { timeout: 60_000 }, async () => {
    const admitted: Record<string, number> = {};
    for (const [name, base] of [['embedded', E.url], ['redis', R.url]] as const) {
      const a = await adminToken(TEST_SECRET, { sub: `leaky-${name}` });
      expect(Object.values(await everyRoute(base, a)).every((s) => s < 300)).toBe(true); // works before
      expect((await revoke(base, { token: a, reason: 'leaked' })).status).toBe(200);
      const after = await everyRoute(base, a);
      expect(after).toEqual(Object.fromEntries(Object.keys(after).map((k) => [k, 401])));
      const c = await adminToken(TEST_SECRET, { sub: `ops-${name}` });
      expect((await postJson(`${base}/v1/tokens/revoke-all`, { sub: `ops-${name}`, reason: 'offboarded' }, admin)).status).toBe(200);
      const afterAll = await everyRoute(base, c);
      expect(afterAll).toEqual(Object.fromEntries(Object.keys(afterAll).map((k) => [k, 401])));
      admitted[name] = [...Object.values(after), ...Object.values(afterAll)].filter((s) => s !== 401).length;
    }
    figures.set('revokedEverywhere', { routes: 8, revokedTokenRequests: 32, admitted });
  });

  it('an open stream is closed with a last comment when its token is revoked, and when it expires', { timeout: 60_000 }, async () => {
    const closes: Record<string, number> = {};
    for (const [name, base] of [['embedded', E.url], ['redis', R.url]] as const) {
      const t = await adminToken(TEST_SECRET, { sub: `streamer-${name}` });
      const s = openStream(`${base}/v1/stream`, t);
      expect(await s.status).toBe(200);
      const t0 = performance.now();
      expect((await revoke(base, { token: t, reason: 'leaked' })).status).toBe(200);
      await s.ended;
      closes[`${name}RevokedMs`] = Math.round(performance.now() - t0);
      expect(s.text()).toMatch(/: stream closed: token revoked\n\n$/);
      if (name === 'redis') {
        // Another instance's stream of a token revoked here: closed through the invalidation feed.
        const t2 = await adminToken(TEST_SECRET, { sub: 'streamer-elsewhere' });
        const s2 = openStream(`${R2.url}/v1/stream`, t2);
        expect(await s2.status).toBe(200);
        const t1 = performance.now();
        expect((await revoke(R.url, { token: t2, reason: 'leaked' })).status).toBe(200);
        await s2.ended;
        closes.otherInstanceRevokedMs = Math.round(performance.now() - t1);
        expect(s2.text()).toMatch(/: stream closed: token revoked\n\n$/);
        // A revoke-all of the stream's subject, made on another instance.
        const t3 = await adminToken(TEST_SECRET, { sub: 'streamer-offboarded' });
        const s3 = openStream(`${R2.url}/v1/stream`, t3);
        expect(await s3.status).toBe(200);
        const t2t = performance.now();
        expect((await postJson(`${R.url}/v1/tokens/revoke-all`, { sub: 'streamer-offboarded', reason: 'offboarded' }, admin)).status).toBe(200);
        await s3.ended;
        closes.otherInstanceRevokeAllMs = Math.round(performance.now() - t2t);
        expect(s3.text()).toMatch(/: stream closed: token revoked\n\n$/);
      }
      const short = await adminToken(TEST_SECRET, { sub: `short-${name}`, expInS: 2 });
      const x = openStream(`${base}/v1/stream`, short);
      expect(await x.status).toBe(200);
      await x.ended;
      expect(x.text()).toMatch(/: stream closed: token expired\n\n$/);
    }
    figures.set('streamsClosed', closes);
  });
});

describe('revocation is monotonic and bad input is a 400', () => {
  it('a later revocation never shortens or undoes an earlier one (embedded, across a restart; Redis TTL)', { timeout: 60_000 }, async () => {
    const jti = `leak-2-${randomUUID()}`;
    const exp = Math.floor(Date.now() / 1000) + 3600;
    expect((await revoke(E.url, { jti, exp, reason: 'real' })).status).toBe(200);
    expect((await revoke(E.url, { jti, exp: 1000, reason: 'undo attempt' })).status).toBe(200);
    expect(json(await send('GET', `${E.url}/v1/tokens/${jti}`, { token: admin }))).toMatchObject({ revoked: true, record: { reason: 'real' } });
    await E.kill('SIGTERM');
    E = await startE();
    expect(json(await send('GET', `${E.url}/v1/tokens/${jti}`, { token: admin }))).toMatchObject({ revoked: true, record: { reason: 'real' } });

    const redis = new Redis(redisUrl);
    try {
      expect((await revoke(R.url, { jti, exp, reason: 'real' })).status).toBe(200);
      const before = await redis.pttl(`${prefix}rv:j:${jti}`);
      expect((await revoke(R.url, { jti, exp: Math.floor(Date.now() / 1000) + 1, reason: 'shorten attempt' })).status).toBe(200);
      expect((await revoke(R.url, { jti, exp: 1000, reason: 'undo attempt' })).status).toBe(200);
      const after = await redis.pttl(`${prefix}rv:j:${jti}`);
      expect(after).toBeGreaterThan(3000_000);
      expect(json(await send('GET', `${R.url}/v1/tokens/${jti}`, { token: admin }))).toMatchObject({ revoked: true, record: { reason: 'real' } });
      figures.set('monotonic', { embeddedRevokedAfterUndoAndRestart: true, redisTtlBeforeS: Math.round(before / 1000), redisTtlAfterShortenS: Math.round(after / 1000) });
    } finally {
      redis.disconnect();
    }
  });

  it('exp out of range and a bad `until` are 400 on both stores, and count no store error', { timeout: 30_000 }, async () => {
    const statuses: Record<string, number[]> = {};
    for (const base of [E.url, R.url]) {
      const hugeToken = await sign(APP_SECRET, { expInS: 8.64e12 });
      const rs = [
        (await revoke(base, { jti: 'far-future', exp: 8_640_000_000_000 })).status,
        (await revoke(base, { token: hugeToken })).status,
        (await send('GET', `${base}/v1/tokens/audit?until=1900-01-01`, { token: admin })).status,
        (await send('GET', `${base}/v1/tokens/audit?since=99999999999999999`, { token: admin })).status,
      ];
      expect(rs).toEqual([400, 400, 400, 400]);
      statuses[base === E.url ? 'embedded' : 'redis'] = rs;
    }
    expect((await send('GET', `${R.url}/metrics`)).text).not.toMatch(/m1_revocation_store_errors_total\{op="audit"\} [1-9]/);
    figures.set('badInput', statuses);
  });

  it('a second service on the same M1_DATA_DIR refuses to start and names the holder', { timeout: 60_000 }, async () => {
    const second = ServeProcess.launch(binaries().cli, { env: envE, args: [], label: 'second' });
    procs.push(second);
    expect((await second.exitWithin(30_000)).code).toBe(1);
    expect(second.lines.join('\n')).toContain(`is in use by process ${E.pid}`);
    figures.set('dataDirLock', { secondExitCode: 1, namesHolderPid: true });
  });
});

describe('introspection', () => {
  it('an application token is active while live and inactive once revoked; an operator token says so', { timeout: 30_000 }, async () => {
    const appJwt = await sign(APP_SECRET, { sub: 'app-user', extra: { tool: 'crm' } });
    const intro = async (t: string) => json<Record<string, unknown>>(await postJson(`${E.url}/v1/tokens/introspect`, { token: t }, admin));
    expect(await intro(appJwt)).toMatchObject({ active: true, sub: 'app-user', tool: 'crm', token_use: 'application' });
    expect(await intro(admin)).toMatchObject({ active: true, token_use: 'operator' });
    expect(await intro(await sign('some-other-secret-0123456789abcdef0123456789'))).toEqual({ active: false });
    expect((await revoke(E.url, { token: appJwt, reason: 'leaked' })).status).toBe(200);
    expect(await intro(appJwt)).toEqual({ active: false });
    figures.set('introspection', { liveAppToken: 'active', revokedAppToken: 'inactive', operatorToken: 'active (operator)' });
  });
});

describe('low-severity attacks', () => {
  it('?access%5Ftoken= is redacted in the log; forged cursors, __proto__, blank-padded jtis, quotes in WWW-Authenticate, 431', { timeout: 30_000 }, async () => {
    const t = await adminToken(TEST_SECRET, { sub: 'redaction' });
    expect(await statusOf(`${E.url}/v1/stream?access%5Ftoken=${t}`)).toBe(200);
    await E.waitLine(/access%5Ftoken=\[REDACTED\]/);
    expect(E.lines.join('\n')).not.toContain(t.split('.')[2] as string);

    // Cursors are signed: one with `from: 0` and the old signature is refused.
    await postJson(`${E.url}/v1/events`, { events: [1, 2, 3].map((i) => ({ type: 'costs', amountUsd: i, model: `m${i}` })) }, admin);
    const page = json<{ nextCursor: string }>(await postJson(`${E.url}/v1/query`, { type: 'costs', groupBy: ['model'], limit: 1 }, admin));
    const [payload = '', sig = ''] = page.nextCursor.split('.');
    const forged = `${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), from: 0 })).toString('base64url')}.${sig}`;
    const refused = await postJson(`${E.url}/v1/query`, { type: 'costs', groupBy: ['model'], limit: 1, cursor: forged }, admin);
    expect([refused.status, json<ErrorReply>(refused).error.code]).toEqual([400, 'invalid_cursor']);

    const proto = await postJson(`${E.url}/v1/query`, { type: 'costs', aggregations: [{ fn: 'count', as: '__proto__' }] }, admin);
    expect(proto.text).toMatch(/^\{"rows":\[\{"__proto__":\d+\}\]/);
    const poisoned = await send('POST', `${E.url}/v1/events`, { token: admin, body: '{"type":"costs","amountUsd":1,"tags":{"__proto__":{"x":"1"}}}' });
    expect([poisoned.status, json<ErrorReply>(poisoned).error.code]).toEqual([400, 'forbidden_key']);
    expect(json<ErrorReply>(poisoned).error.message).not.toMatch(/not valid JSON|malformed/);

    const padded = await sign(APP_SECRET, { jti: ' spaced ' });
    expect(json(await revoke(E.url, { token: padded }))).toEqual({ revoked: true, jti: ' spaced ' });
    expect(json(await send('GET', `${E.url}/v1/tokens/%20spaced%20`, { token: admin }))).toMatchObject({ revoked: true });
    expect(json(await send('GET', `${E.url}/v1/tokens/spaced`, { token: admin }))).toEqual({ revoked: false });

    const early = await send('GET', `${E.url}/v1/tokens/audit`, { token: await adminToken(TEST_SECRET, { nbfInS: 600 }) });
    expect(early.status).toBe(401);
    // RFC 6750 §3: error_description is %x20-21 / %x23-5B / %x5D-7E.
    expect(early.headers.get('www-authenticate')).toMatch(/^Bearer realm="m1-ops", error="invalid_token", error_description="[\x20\x21\x23-\x5b\x5d-\x7e]*"$/);

    const big = slowSocket(Number(new URL(E.url).port), `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    await big.closed;
    expect(big.status).toBe(431);
    expect(JSON.parse(big.text.split('\r\n\r\n')[1] ?? '{}')).toMatchObject({ error: { code: 'headers_too_large', issues: [] } });
    figures.set('low', { redactedEncodedKey: true, forgedCursor: 400, protoAlias: 'kept as a key', protoInBody: 'forbidden_key', paddedJti: 'exact', wwwAuthenticate: 'RFC 6750 charset', headersTooLarge: 431 });
  });
});
