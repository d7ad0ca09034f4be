// The four token subcommands: each builds its request, calls the service, prints the answer.
import { decodeJwt, looksLikeJwt } from '../../../../shared/src/jwt';
import { CliError, UsageError } from '../errors';
import { call, type ServiceTarget } from './client';
import { auditTable, fields, relative, shortTime } from './format';
import type { TokenOptions } from './options';
import { safeJson, visible } from './visible';
import { AuditResponse, RevokeAllResponse, RevokeResponse, StatusResponse, type AuditEntry } from './responses';

type Out = (s: string) => void;

function parseOrFail<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, v: unknown): T {
  const r = schema.safeParse(v);
  if (!r.success) throw new CliError('the service answered in an unexpected shape; are the CLI and the service the same version?');
  return r.data;
}

export async function revoke(o: TokenOptions, t: ServiceTarget, out: Out, readStdin: () => Promise<string>): Promise<void> {
  const [given, ...extra] = o.positionals;
  if (given === undefined || extra.length > 0) throw new UsageError('token revoke takes one TOKEN or JTI (or - to read it from stdin)');
  // `-`: read the token from stdin, so it appears in neither the shell history nor `ps`.
  const arg = given === '-' ? (await readStdin()).trim() : given;
  if (arg === '') throw new UsageError('token revoke -: stdin was empty');
  let body: Record<string, string>;
  if (looksLikeJwt(arg.trim())) {
    const d = decodeJwt(arg);
    if (!d.ok) throw new UsageError(`the argument looks like a JWT but ${d.reason}`);
    const c = d.value.claims;
    // Show what is about to be revoked (never the token itself).
    out('Revoking the token with:\n');
    out(
      fields([
        ['jti', c.jti ?? '(none: it cannot be revoked by jti; use revoke-all --sub)'],
        ['sub', c.sub ?? '-'],
        ['tool', c.tool ?? '-'],
        ['exp', c.exp === undefined ? '- (no expiry)' : `${shortTime(new Date(c.exp * 1000).toISOString())} (${relative(c.exp * 1000, Date.now())})`],
      ]),
    );
    body = { token: arg.trim() };
  } else {
    body = { jti: arg };
  }
  if (o.reason !== undefined) body.reason = o.reason;
  const r = parseOrFail(RevokeResponse, await call(t, 'POST', '/v1/tokens/revoke', 'tokens:revoke', body));
  out(`Revoked jti ${visible(r.jti)}.\n`);
}

export async function revokeAll(o: TokenOptions, t: ServiceTarget, out: Out): Promise<void> {
  if (o.positionals.length > 0) throw new UsageError('token revoke-all takes no positional argument; use --sub S or --tool T');
  if ((o.subject === undefined) === (o.tool === undefined)) throw new UsageError('token revoke-all needs exactly one of --sub S or --tool T');
  if (o.reason === undefined) throw new UsageError('token revoke-all needs --reason R (it is audited)');
  const body = { ...(o.subject !== undefined ? { sub: o.subject } : { tool: o.tool }), reason: o.reason };
  const r = parseOrFail(RevokeAllResponse, await call(t, 'POST', '/v1/tokens/revoke-all', 'tokens:revoke', body));
  const who = r.sub !== undefined ? `subject ${visible(r.sub)}` : `tool ${visible(r.tool ?? '')}`;
  out(`Revoked every token of ${who} issued before ${visible(shortTime(r.notBefore))}.\n`);
}

export async function status(o: TokenOptions, t: ServiceTarget, out: Out): Promise<void> {
  const [jti, ...extra] = o.positionals;
  if (jti === undefined || extra.length > 0) throw new UsageError('token status takes one JTI');
  const r = parseOrFail(StatusResponse, await call(t, 'GET', `/v1/tokens/${encodeURIComponent(jti)}`, 'tokens:read'));
  if (o.json) {
    out(`${safeJson(r)}\n`);
    return;
  }
  if (!r.revoked || r.record === undefined) {
    out(`jti ${visible(jti)} is not revoked (tokens of a revoked subject or tool are checked by the service, not listed here).\n`);
    return;
  }
  const rec = r.record;
  out(`jti ${visible(rec.jti)} is REVOKED\n`);
  out(
    fields([
      ['sub', rec.sub ?? '-'],
      ['tool', rec.tool ?? '-'],
      ['reason', rec.reason ?? '-'],
      ['by', rec.actor ?? '-'],
      ['at', shortTime(rec.revokedAt)],
      ['expires', rec.expiresAt === null ? '- (kept for TOKEN_REVOCATION_RETENTION_H)' : shortTime(rec.expiresAt)],
    ]),
  );
}

export async function audit(o: TokenOptions, t: ServiceTarget, out: Out): Promise<void> {
  if (o.positionals.length > 0) throw new UsageError('token audit takes no positional argument');
  const entries: AuditEntry[] = [];
  let cursor: string | null = null;
  do {
    const q = new URLSearchParams();
    for (const [k, v] of [['since', o.since], ['until', o.until], ['actor', o.actor], ['tool', o.tool], ['sub', o.subject]] as const) {
      if (v !== undefined) q.set(k, v);
    }
    q.set('limit', String(Math.min(1000, o.limit - entries.length)));
    if (cursor !== null) q.set('cursor', cursor);
    const page = parseOrFail(AuditResponse, await call(t, 'GET', `/v1/tokens/audit?${q}`, 'tokens:audit'));
    entries.push(...page.entries);
    cursor = page.nextCursor;
  } while (cursor !== null && entries.length < o.limit);
  out(o.json ? `${safeJson({ entries })}\n` : auditTable(entries));
}
