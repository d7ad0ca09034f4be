// insecure-url: in staging and production, URLs that send tokens, events or credentials unencrypted
// (config.md's table: API/analytics/JWKS over http, Redis over redis:// and PostgreSQL without
// sslmode=require to a host that is not this machine).
import type { Finding, Fix } from '../../../../shared/src/findings';
import { isLoopbackHost, parseUrl, urlHost, urlScheme } from '../../catalog/formats';
import type { Rule, RuleContext } from '../../engine/types';
import { finding, rawContent, rawEdit, valueRange } from '../support/findings';
import { setEntry, type KnownEntry } from '../support/view';

const HTTPS_ONLY: Record<string, string> = {
  M1_API_BASE_URL: 'tokens and API traffic',
  M1_ANALYTICS_URL: 'analytics events',
  JWKS_URL: 'the keys that verify tokens (an attacker on the path can substitute their own)',
};
const SECURE_SSLMODES = new Set(['require', 'verify-ca', 'verify-full']);

/** Inserts `s` after the scheme as written (`http` -> `https`, `redis` -> `rediss`); none when the scheme comes from a reference. */
function addS(ctx: RuleContext, k: KnownEntry, scheme: string): Fix[] {
  if (!rawContent(k.entry).text.toLowerCase().startsWith(`${scheme}://`)) return [];
  // Not safe: the server must accept TLS on that address, or the connection fails.
  return [{ title: `Use ${scheme}s://`, edits: [rawEdit(ctx, k.entry, scheme.length, 0, 's')], safe: false, preferred: true }];
}

function httpUrls(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const [key, what] of Object.entries(HTTPS_ONLY)) {
    const k = setEntry(ctx, key);
    const u = k && parseUrl(k.value);
    if (!k || !u || urlScheme(u) !== 'http') continue;
    const message = `${key} uses http:// in ${ctx.profile}: ${what} cross the network unencrypted. Use https://.`;
    out.push(finding('insecure-url', 'error', message, valueRange(ctx, k.entry), { key, fixes: addS(ctx, k, 'http') }));
  }
  return out;
}

function redis(ctx: RuleContext): Finding[] {
  const k = setEntry(ctx, 'REDIS_URL');
  const u = k && parseUrl(k.value);
  if (!k || !u || urlScheme(u) !== 'redis' || isLoopbackHost(urlHost(u))) return [];
  const message =
    `REDIS_URL uses redis:// to ${urlHost(u)} in ${ctx.profile}: revocations and the Redis password cross the network unencrypted. ` +
    'Use rediss:// (TLS; managed Redis usually listens on a separate TLS port).';
  return [finding('insecure-url', 'warning', message, valueRange(ctx, k.entry), { key: 'REDIS_URL', fixes: addS(ctx, k, 'redis') })];
}

function postgres(ctx: RuleContext): Finding[] {
  const k = setEntry(ctx, 'DATABASE_URL');
  const u = k && parseUrl(k.value);
  if (!k || !u || isLoopbackHost(urlHost(u))) return [];
  const mode = u.searchParams.get('sslmode');
  if (mode !== null && SECURE_SSLMODES.has(mode)) return [];
  const now = mode === null ? 'has no sslmode' : `has sslmode=${mode}`;
  const message =
    `DATABASE_URL ${now} for ${urlHost(u)} in ${ctx.profile}: the connection may be unencrypted. ` +
    'Add sslmode=require (or verify-full to also check the server certificate).';
  const raw = rawContent(k.entry).text;
  const fixes: Fix[] =
    mode === null && !raw.includes('#')
      ? [{ title: 'Add sslmode=require', edits: [rawEdit(ctx, k.entry, raw.length, 0, `${raw.includes('?') ? '&' : '?'}sslmode=require`)], safe: false, preferred: true }]
      : [];
  return [finding('insecure-url', 'warning', message, valueRange(ctx, k.entry), { key: 'DATABASE_URL', fixes })];
}

export const insecureUrl: Rule = {
  id: 'insecure-url',
  description: 'In staging/production: http:// for the API, analytics or JWKS; redis:// or PostgreSQL without TLS to another host.',
  semantic: true,
  catalog: true,
  check(ctx) {
    if (!ctx.prodLike) return [];
    return [...httpUrls(ctx), ...redis(ctx), ...postgres(ctx)];
  },
};
