// The API client against the real service: typed results, and failures whose messages say what to
// do (VS Code wording): unreachable → the m1ops.service.url setting, 401 → "M1: Set Admin Token",
// 403 → the missing scope, 400 → the service's issues. Revocation round trips: revoke, status, audit.
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, ApiError } from '../../client/src/api/client';
import { freePort } from '../support/ports';
import { startService, tempDataDir, toolsEvents, type RunningService } from '../dashboard/support/service';

async function failureOf(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

/** A token as an M1 application would hold one (signed with some other key: revocation does not verify). */
async function appToken(claims: { jti?: string; sub: string; tool?: string }): Promise<string> {
  let j = new SignJWT(claims.tool ? { tool: claims.tool } : {}).setProtectedHeader({ alg: 'HS256' }).setSubject(claims.sub).setIssuedAt().setExpirationTime('1h');
  if (claims.jti) j = j.setJti(claims.jti);
  return j.sign(new TextEncoder().encode('some-application-key-0123456789abcdef0123456789'));
}

describe('ApiClient against the service', () => {
  const data = tempDataDir();
  let service: RunningService;
  let admin: ApiClient;

  beforeAll(async () => {
    service = await startService({ dataDir: data.dir });
    admin = new ApiClient({ baseUrl: service.url, token: await service.token() });
  });
  afterAll(async () => {
    await service.close();
    data.remove();
  });

  it('posts events and queries them', async () => {
    expect(await admin.postEvents(toolsEvents(4, 30))).toBe(4);
    const r = await admin.query({ type: 'tools', range: '1h', aggregations: [{ fn: 'count', as: 'n' }] });
    expect(r.rows).toEqual([{ n: 4 }]);
    expect(r.stats.scanned).toBeGreaterThanOrEqual(4);
    expect((await admin.health()).status).toMatch(/ok|degraded/);
  });

  it('names the bad fields of a 400', async () => {
    const e = await failureOf(admin.query({ type: 'tools', range: 'forever' }));
    expect(e.kind).toBe('bad-request');
    expect(e.status).toBe(400);
    expect(e.failure.issues.join('\n')).toMatch(/range/);
  });

  it('says to set the admin token on 401 (refused or missing)', async () => {
    const wrong = await new SignJWT({ scope: 'analytics:read' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('5m').sign(new TextEncoder().encode('x'.repeat(40)));
    const e = await failureOf(new ApiClient({ baseUrl: service.url, token: wrong }).query({ type: 'tools', range: '1h' }));
    expect(e.kind).toBe('unauthorised');
    expect(e.message).toContain('"M1: Set Admin Token"');
    expect(e.message).not.toContain(wrong);
    const none = await failureOf(new ApiClient({ baseUrl: service.url, token: null }).tokenStatus('j'));
    expect(none.kind).toBe('unauthorised');
  });

  it('names the missing scope on 403', async () => {
    const reader = new ApiClient({ baseUrl: service.url, token: await service.token(['analytics:read']) });
    const e = await failureOf(reader.revoke({ jti: 'abc', reason: 'test' }));
    expect(e.kind).toBe('forbidden');
    expect(e.message).toContain('lacks the scope "tokens:revoke"');
  });

  it('points to the m1ops.service.url setting when nothing answers', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const e = await failureOf(new ApiClient({ baseUrl: url, token: 't' }).health());
    expect(e.kind).toBe('unreachable');
    expect(e.message).toContain(`Cannot reach the M1 service at ${url} (ECONNREFUSED)`);
    expect(e.message).toContain('"m1ops.service.url"');
  });

  it('revokes a token, reports its status, and finds it in the audit log', async () => {
    const token = await appToken({ jti: 'jti-round-trip', sub: 'alice', tool: 'search' });
    expect(await admin.revoke({ token, reason: 'leaked in a log' })).toMatchObject({ revoked: true, jti: 'jti-round-trip' });
    const status = await admin.tokenStatus('jti-round-trip');
    expect(status).toMatchObject({ revoked: true, record: { jti: 'jti-round-trip', sub: 'alice', tool: 'search', reason: 'leaked in a log', actor: 'dashboard-test' } });
    expect((await admin.tokenStatus('never-revoked')).revoked).toBe(false);
    expect(await admin.revokeAll({ tool: 'search', reason: 'tool compromised' })).toMatchObject({ revoked: true });
    const page = await admin.audit({ tool: 'search', since: '1h' });
    expect(page.entries.map((e) => e.action)).toEqual(['revoke-all', 'revoke']);
    expect(page.entries[1]).toMatchObject({ jti: 'jti-round-trip', actor: 'dashboard-test', reason: 'leaked in a log' });
  });

  it('explains a token without jti', async () => {
    const e = await failureOf(admin.revoke({ token: await appToken({ sub: 'bob' }), reason: 'r' }));
    expect(e.kind).toBe('bad-request');
    expect(e.message).toMatch(/jti/);
  });
});
