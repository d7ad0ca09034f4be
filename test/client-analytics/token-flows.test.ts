// The token commands' flows against the real service, with a scripted Prompter standing in for
// VS Code's input boxes and dialogs: what is shown before acting, what the service then holds,
// and what the user is told (including the irreversibility warning and what to do on errors).
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../client/src/api/client';
import { parseTokenRef } from '../../client/src/tokens/claims';
import { auditRevocations, checkTokenStatus, NO_ADMIN_TOKEN, revokeAllTokens, revokeToken, setAdminToken, type AdminTokenStore } from '../../client/src/tokens/flows';
import type { ConfirmOptions } from '../../client/src/tokens/prompter';
import { startService, tempDataDir, type RunningService } from '../dashboard/support/service';
import { ScriptedPrompter, type Answer } from './scripted-prompter';

const NOW = Math.floor(Date.now() / 1000) * 1000; // whole seconds, like exp

async function appToken(claims: { jti?: string; sub: string; tool?: string }, expS = 3600): Promise<string> {
  let j = new SignJWT(claims.tool ? { tool: claims.tool } : {})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(Math.floor(NOW / 1000) + expS);
  if (claims.jti) j = j.setJti(claims.jti);
  return j.sign(new TextEncoder().encode('an-application-key-0123456789abcdef0123456789'));
}

describe('token flows against the service', () => {
  const data = tempDataDir();
  let service: RunningService;
  let admin: ApiClient;
  const run = async (flow: typeof revokeToken, script: Answer[], api: ApiClient | null = admin): Promise<ScriptedPrompter> => {
    const p = new ScriptedPrompter(script);
    await flow({ prompter: p, api: () => Promise.resolve(api), now: () => NOW });
    expect(p.done).toBe(true);
    return p;
  };

  beforeAll(async () => {
    service = await startService({ dataDir: data.dir });
    admin = new ApiClient({ baseUrl: service.url, token: await service.token(undefined, 'ops-admin') });
  });
  afterAll(async () => {
    await service.close();
    data.remove();
  });

  it('Revoke Token shows the decoded claims and the reason, asks, revokes, and warns it is final', async () => {
    const token = await appToken({ jti: 'tok-1', sub: 'alice', tool: 'search' });
    const p = await run(revokeToken, [{ input: token }, { input: 'leaked in CI' }, { confirm: true }]);
    const confirm = p.asked[2] as ConfirmOptions;
    expect(confirm.message).toBe('Revoke token tok-1?');
    expect(confirm.detail).toContain('sub: alice');
    expect(confirm.detail).toContain('jti: tok-1');
    expect(confirm.detail).toContain('tool: search');
    expect(confirm.detail).toMatch(/exp: \d{4}-\d\d-\d\dT.*\(in 60 min\)/);
    expect(confirm.detail).toContain('reason: leaked in CI');
    expect(confirm.detail).toContain('cannot be undone');
    expect(p.shown).toEqual([{ level: 'info', message: 'M1: token tok-1 is revoked. This cannot be undone: the token stays revoked until it expires.' }]);
    expect(await admin.tokenStatus('tok-1')).toMatchObject({ revoked: true, record: { actor: 'ops-admin', reason: 'leaked in CI', sub: 'alice' } });
  });

  it('Revoke Token does nothing when the confirmation is declined', async () => {
    await run(revokeToken, [{ input: 'tok-kept' }, { input: 'just looking' }, { confirm: false }]);
    expect((await admin.tokenStatus('tok-kept')).revoked).toBe(false);
  });

  it('Revoke Token explains a token without jti and sends the user to Revoke All', async () => {
    const p = await run(revokeToken, [{ input: await appToken({ sub: 'bob', tool: 'mail' }) }]);
    expect(p.shown[0]?.level).toBe('error');
    expect(p.shown[0]?.message).toMatch(/no jti claim.*Revoke All Tokens of a User or Tool/);
  });

  it('Revoke All revokes by tool after confirmation', async () => {
    const p = await run(revokeAllTokens, [
      { pick: (items) => items.find((i) => i.value === 'tool')?.value },
      { input: 'calendar' },
      { input: 'tool compromised' },
      { confirm: true },
    ]);
    expect((p.asked[3] as ConfirmOptions).message).toBe('Revoke every token of tool "calendar" issued before now?');
    expect(p.shown.at(-1)?.message).toMatch(/every token of tool "calendar" issued before now is revoked\. This cannot be undone\./);
    const audit = await admin.audit({ tool: 'calendar' });
    expect(audit.entries[0]).toMatchObject({ action: 'revoke-all', tool: 'calendar', reason: 'tool compromised', actor: 'ops-admin' });
  });

  it('Check Token Status tells revoked from not revoked', async () => {
    const revoked = await run(checkTokenStatus, [{ input: 'tok-1' }]);
    expect(revoked.shown[0]?.message).toMatch(/^M1: token tok-1 is revoked \(since .* by ops-admin, reason: leaked in CI\)\.$/);
    const fresh = await run(checkTokenStatus, [{ input: await appToken({ jti: 'tok-fresh', sub: 'carol' }, -600) }]);
    expect(fresh.shown[0]?.message).toMatch(/^M1: token tok-fresh is not revoked; exp .*\(expired 10 min ago\)\.$/);
  });

  it('Audit lists entries with filters and exports them as JSON', async () => {
    const p = await run(auditRevocations, [
      { input: 'ops-admin' },
      { input: '' },
      { input: '1h' },
      { pick: (items) => items[0]?.value }, // "Export as JSON…"
      { save: '/tmp/audit.json' },
    ]);
    const listed = (p.asked[3] as { items: { label: string }[] }).items.map((i) => i.label);
    expect(listed[0]).toBe('$(save) Export as JSON…');
    expect(listed.slice(1)).toEqual(['revoke-all tool calendar', 'revoke token tok-1']);
    const exported = JSON.parse(p.saved[0]?.content ?? '{}') as { filters: unknown; entries: { action: string }[] };
    expect(exported.filters).toEqual({ actor: 'ops-admin', since: '1h' });
    expect(exported.entries.map((e) => e.action)).toEqual(['revoke-all', 'revoke']);
    expect(p.shown.at(-1)?.message).toBe('M1: 2 audit entries saved to /tmp/audit.json.');
  });

  it('Audit says "1 audit entry", not "all 1 entries"', async () => {
    const p = await run(auditRevocations, [
      { input: '' },
      { input: 'calendar' },
      { input: '1h' },
      { pick: (items) => items[0]?.value },
      { save: '/tmp/audit-one.json' },
    ]);
    const picker = p.asked[3] as { title: string; items: { label: string; detail?: string }[] };
    expect(picker.title).toBe('M1: 1 audit entry (newest first)');
    expect(picker.items[0]?.detail).toBe('the entry with every field');
    expect(p.shown.at(-1)?.message).toBe('M1: 1 audit entry saved to /tmp/audit-one.json.');
  });

  it('says what to do: no token set, token refused, scope missing', async () => {
    const none = await run(checkTokenStatus, [], null);
    expect(none.shown).toEqual([{ level: 'warn', message: NO_ADMIN_TOKEN }]);
    const reader = new ApiClient({ baseUrl: service.url, token: await service.token(['analytics:read']) });
    const forbidden = await run(checkTokenStatus, [{ input: 'tok-1' }], reader);
    expect(forbidden.shown[0]).toEqual({ level: 'error', message: expect.stringContaining('lacks the scope "tokens:read"') as string });
    const expiredAdmin = new ApiClient({ baseUrl: service.url, token: await new SignJWT({ scope: 'tokens:read' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(1).sign(new TextEncoder().encode('x'.repeat(40))) });
    const refused = await run(checkTokenStatus, [{ input: 'tok-1' }], expiredAdmin);
    expect(refused.shown[0]?.message).toContain('Run "M1: Set Admin Token"');
  });

  it('Set Admin Token stores the JWT and says which features its scopes leave out', async () => {
    const stored: string[] = [];
    const store: AdminTokenStore = { get: () => Promise.resolve(stored.at(-1)), store: (t) => Promise.resolve(void stored.push(t)), delete: () => Promise.resolve() };
    const token = await service.token(['analytics:read', 'tokens:read'], 'me');
    const p = new ScriptedPrompter([{ input: token }]);
    expect(await setAdminToken({ prompter: p, store, now: () => NOW })).toBe(true);
    expect(stored).toEqual([token]);
    expect(p.shown[0]?.level).toBe('warn');
    expect(p.shown[0]?.message).toMatch(/admin token saved \(sub me, .*scopes: analytics:read tokens:read\)\. Without tokens:revoke \(Revoke Token, Revoke All\), tokens:audit/);
    expect(p.shown[0]?.message).not.toContain(token);
    expect(() => new ScriptedPrompter([{ input: 'not-a-jwt' }]).input({ title: '', prompt: '', validate: (v) => (parseTokenRef(v).ok ? 'An admin token is a JWT (header.payload.signature), not an id.' : null) })).toThrow(/not an id/);
  });
});
