// The token commands' logic, without `vscode`: what to ask, what to show before acting, what to
// call, what to say after. Errors from the service arrive as ApiError whose message already says
// what to do (unreachable → the m1ops.service.url setting, 401 → Set Admin Token, 403 → the scope).
import { ApiError, type ApiClient, type AuditFilter } from '../api/client';
import type { AuditEntry } from '../api/schemas';
import { describeClaims, describeExp, parseTokenRef, scopesOf, type TokenRef } from './claims';
import type { Prompter } from './prompter';

export interface TokenFlowDeps {
  prompter: Prompter;
  /** The API client with the stored admin token, or null when none is set. */
  api(): Promise<ApiClient | null>;
  now?(): number;
}

export interface AdminTokenStore {
  get(): Promise<string | undefined>;
  store(token: string): Promise<void>;
  delete(): Promise<void>;
}

export const NO_ADMIN_TOKEN = 'M1: no admin token is set. Run "M1: Set Admin Token" first (it is kept in VS Code\'s secret storage).';
const IRREVERSIBLE = 'This cannot be undone: the token stays revoked until it expires.';
const AUDIT_MAX = 1000;

const reasonInput = (title: string) => ({
  title,
  prompt: 'Why? The reason goes into the audit log.',
  placeHolder: 'e.g. leaked in a CI log',
  validate: (v: string) => (v.trim() === '' ? 'A reason is required.' : v.length > 500 ? 'At most 500 characters.' : null),
});

async function withApi(d: TokenFlowDeps, run: (api: ApiClient) => Promise<void>): Promise<void> {
  const api = await d.api();
  if (!api) {
    d.prompter.warn(NO_ADMIN_TOKEN);
    return;
  }
  try {
    await run(api);
  } catch (e) {
    if (e instanceof ApiError) d.prompter.error(`M1: ${e.message}`);
    else throw e;
  }
}

async function askTokenRef(d: TokenFlowDeps, title: string): Promise<TokenRef | undefined> {
  const text = await d.prompter.input({
    title,
    prompt: 'Paste the token (JWT) or its id (jti). It is decoded here, not verified, and never logged.',
    password: true,
    validate: (v) => {
      const r = parseTokenRef(v);
      return r.ok ? null : r.error;
    },
  });
  if (text === undefined) return undefined;
  const r = parseTokenRef(text);
  return r.ok ? r.ref : undefined;
}

export async function revokeToken(d: TokenFlowDeps): Promise<void> {
  await withApi(d, async (api) => {
    const now = d.now?.() ?? Date.now();
    const ref = await askTokenRef(d, 'M1: Revoke Token (1/3)');
    if (!ref) return;
    if (ref.kind === 'jwt' && ref.jti === null) {
      d.prompter.error(
        `M1: this token has no jti claim, so it cannot be revoked on its own (sub ${ref.claims.sub ?? '(none)'}, tool ${ref.claims.tool ?? '(none)'}). ` +
          'Use "M1: Revoke All Tokens of a User or Tool" instead.',
      );
      return;
    }
    const jti = ref.kind === 'jwt' ? (ref.jti as string) : ref.jti;
    const reason = await d.prompter.input({ ...reasonInput('M1: Revoke Token (2/3)'), prompt: `Why revoke ${jti}? The reason goes into the audit log.` });
    if (reason === undefined) return;
    const ok = await d.prompter.confirm({
      message: `Revoke token ${jti}?`,
      detail: [...describeClaims(ref, now), `reason: ${reason.trim()}`, '', IRREVERSIBLE].join('\n'),
      action: 'Revoke',
    });
    if (!ok) return;
    const body = ref.kind === 'jwt' ? { token: ref.token, reason: reason.trim() } : { jti: ref.jti, reason: reason.trim() };
    const r = await api.revoke(body);
    d.prompter.info(`M1: token ${r.jti} is revoked. ${IRREVERSIBLE}`);
  });
}

export async function revokeAllTokens(d: TokenFlowDeps): Promise<void> {
  await withApi(d, async (api) => {
    const kind = await d.prompter.pick<'sub' | 'tool'>({
      title: 'M1: Revoke All Tokens (1/3)',
      placeHolder: 'Whose tokens?',
      items: [
        { label: 'A user (sub)', detail: 'Every token whose sub claim is this subject, issued before now', value: 'sub' },
        { label: 'A tool', detail: 'Every token whose tool claim is this tool, issued before now', value: 'tool' },
      ],
    });
    if (!kind) return;
    const what = kind === 'sub' ? 'subject (sub)' : 'tool';
    const value = await d.prompter.input({
      title: 'M1: Revoke All Tokens (2/3)',
      prompt: `The ${what} whose tokens to revoke`,
      validate: (v) => (v.trim() === '' ? `Give the ${what}.` : v.trim().length > 512 ? 'At most 512 characters.' : null),
    });
    if (value === undefined) return;
    const reason = await d.prompter.input(reasonInput('M1: Revoke All Tokens (3/3)'));
    if (reason === undefined) return;
    const ok = await d.prompter.confirm({
      message: `Revoke every token of ${kind === 'sub' ? 'user' : 'tool'} "${value.trim()}" issued before now?`,
      detail: `reason: ${reason.trim()}\n\nTokens issued from now on are not affected. This cannot be undone.`,
      action: 'Revoke All',
    });
    if (!ok) return;
    const body = kind === 'sub' ? { sub: value.trim(), reason: reason.trim() } : { tool: value.trim(), reason: reason.trim() };
    await api.revokeAll(body);
    d.prompter.info(`M1: every token of ${kind === 'sub' ? 'user' : 'tool'} "${value.trim()}" issued before now is revoked. This cannot be undone.`);
  });
}

export async function checkTokenStatus(d: TokenFlowDeps): Promise<void> {
  await withApi(d, async (api) => {
    const now = d.now?.() ?? Date.now();
    const ref = await askTokenRef(d, 'M1: Check Token Status');
    if (!ref) return;
    const jti = ref.jti;
    if (jti === null) {
      d.prompter.warn('M1: this token has no jti claim: its status cannot be looked up by id (revoke-all may still cover it).');
      return;
    }
    const s = await api.tokenStatus(jti);
    const exp = ref.kind === 'jwt' ? `; exp ${describeExp(ref.claims.exp, now)}` : '';
    if (!s.revoked) {
      d.prompter.info(`M1: token ${jti} is not revoked${exp}.`);
      return;
    }
    const rec = s.record;
    const by = rec?.actor ? ` by ${rec.actor}` : '';
    const why = rec?.reason ? `, reason: ${rec.reason}` : '';
    d.prompter.info(`M1: token ${jti} is revoked (since ${rec?.revokedAt ?? 'an unknown time'}${by}${why})${exp}.`);
  });
}

export interface AuditAnswers {
  actor?: string;
  tool?: string;
  since: string;
}

async function askAuditFilters(p: Prompter): Promise<AuditAnswers | undefined> {
  const actor = await p.input({ title: 'M1: Audit (1/3): actor', prompt: 'Only revocations made by this admin (sub). Empty: anyone.' });
  if (actor === undefined) return undefined;
  const tool = await p.input({ title: 'M1: Audit (2/3): tool', prompt: 'Only entries about this tool. Empty: any tool.' });
  if (tool === undefined) return undefined;
  const since = await p.input({
    title: 'M1: Audit (3/3): since',
    prompt: 'How far back: a duration (30m, 24h, 7d) or an ISO 8601 time',
    value: '24h',
    validate: (v) => (/^\d{1,9}[smhd]$/.test(v.trim()) || !Number.isNaN(Date.parse(v.trim())) ? null : 'e.g. 30m, 24h, 7d or 2025-01-31T10:00:00Z'),
  });
  if (since === undefined) return undefined;
  return { since: since.trim(), ...(actor.trim() ? { actor: actor.trim() } : {}), ...(tool.trim() ? { tool: tool.trim() } : {}) };
}

/** Reads every page the filters match, up to AUDIT_MAX entries (newest first). */
export async function fetchAudit(api: ApiClient, f: AuditFilter): Promise<{ entries: AuditEntry[]; truncated: boolean }> {
  const entries: AuditEntry[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await api.audit({ ...f, limit: 100, ...(cursor ? { cursor } : {}) });
    entries.push(...page.entries);
    cursor = page.nextCursor ?? undefined;
    if (!cursor) return { entries, truncated: false };
    if (entries.length >= AUDIT_MAX) return { entries: entries.slice(0, AUDIT_MAX), truncated: true };
  }
}

export function auditLabel(e: AuditEntry): { label: string; description: string; detail: string } {
  const target = e.jti ? `token ${e.jti}` : e.sub ? `user ${e.sub}` : e.tool ? `tool ${e.tool}` : '';
  const count = e.count && e.count > 1 ? ` ×${e.count}` : '';
  return {
    label: `${e.action}${count} ${target}`.trim(),
    description: `${e.actor ?? 'unknown actor'}${e.tool && e.jti ? ` · tool ${e.tool}` : ''}`,
    detail: `${e.at}${e.reason ? ` — ${e.reason}` : ''}${e.detail ? ` (${e.detail})` : ''}`,
  };
}

/** "1 audit entry", "2 audit entries". */
export function auditEntries(n: number, more = false): string {
  return `${n}${more ? '+' : ''} audit ${n === 1 && !more ? 'entry' : 'entries'}`;
}

export async function auditRevocations(d: TokenFlowDeps, answers?: AuditAnswers): Promise<void> {
  await withApi(d, async (api) => {
    const f = answers ?? (await askAuditFilters(d.prompter));
    if (!f) return;
    const { entries, truncated } = await fetchAudit(api, f);
    if (entries.length === 0) {
      d.prompter.info(`M1: no audit entries match (since ${f.since}${f.actor ? `, actor ${f.actor}` : ''}${f.tool ? `, tool ${f.tool}` : ''}).`);
      return;
    }
    type Choice = { kind: 'export' } | { kind: 'entry'; entry: AuditEntry };
    const choice = await d.prompter.pick<Choice>({
      title: `M1: ${auditEntries(entries.length, truncated)} (newest first)`,
      placeHolder: 'Pick an entry for its details, or export them all',
      items: [
        { label: '$(save) Export as JSON…', detail: `${entries.length === 1 ? 'the entry' : `all ${entries.length} entries`} with every field`, value: { kind: 'export' } },
        ...entries.map((entry) => ({ ...auditLabel(entry), value: { kind: 'entry' as const, entry } })),
      ],
    });
    if (!choice) return;
    if (choice.kind === 'entry') {
      d.prompter.info(`M1: ${JSON.stringify(choice.entry)}`);
      return;
    }
    const content = `${JSON.stringify({ filters: f, exportedAt: new Date(d.now?.() ?? Date.now()).toISOString(), truncated, entries }, null, 2)}\n`;
    const where = await d.prompter.saveFile('m1-token-audit.json', content);
    if (where) d.prompter.info(`M1: ${auditEntries(entries.length)} saved to ${where}.`);
  });
}

/** The scopes the extension's features use; a token without some still works for the others. */
export const FEATURE_SCOPES: Record<string, string> = {
  'analytics:read': 'Live Analytics',
  'tokens:revoke': 'Revoke Token, Revoke All',
  'tokens:read': 'Check Token Status',
  'tokens:audit': 'Audit Token Revocations',
};

export async function setAdminToken(d: { prompter: Prompter; store: AdminTokenStore; now?(): number }): Promise<boolean> {
  const now = d.now?.() ?? Date.now();
  const text = await d.prompter.input({
    title: 'M1: Set Admin Token',
    prompt: 'Paste the admin token (a JWT; `m1-ops serve --dev` prints one). Stored in VS Code secret storage, never in settings.',
    password: true,
    validate: (v) => {
      const r = parseTokenRef(v);
      if (!r.ok) return r.error;
      return r.ref.kind === 'jwt' ? null : 'An admin token is a JWT (header.payload.signature), not an id.';
    },
  });
  if (text === undefined) return false;
  const r = parseTokenRef(text);
  if (!r.ok || r.ref.kind !== 'jwt') return false;
  const claims = r.ref.claims;
  await d.store.store(r.ref.token);
  const scopes = scopesOf(claims);
  const missing = Object.entries(FEATURE_SCOPES).filter(([s]) => !scopes.includes(s));
  const expired = claims.exp !== undefined && claims.exp * 1000 < now;
  const summary = `M1: admin token saved (sub ${claims.sub ?? '(none)'}, exp ${describeExp(claims.exp, now)}, scopes: ${scopes.join(' ') || '(none)'}).`;
  if (expired) d.prompter.warn(`${summary} It has expired: the service will refuse it.`);
  else if (missing.length > 0) d.prompter.warn(`${summary} Without ${missing.map(([s, f]) => `${s} (${f})`).join(', ')} those commands will be refused.`);
  else d.prompter.info(summary);
  return true;
}
