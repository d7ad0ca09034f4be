// default-credentials: in staging/production, a database login anyone can guess (config.md:
// postgres/postgres, empty password, `password`), and Redis without a password on another host.
import type { Finding } from '../../../../shared/src/findings';
import { isLoopbackHost, parseUrl, urlHost } from '../../catalog/formats';
import type { Rule, RuleContext } from '../../engine/types';
import { finding, valueRange } from '../support/findings';
import { setEntry } from '../support/view';

const DEFAULT_PASSWORDS = new Set(['password', 'postgres']);

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function database(ctx: RuleContext): Finding[] {
  const k = setEntry(ctx, 'DATABASE_URL');
  const u = k && parseUrl(k.value);
  if (!k || !u) return [];
  const user = decode(u.username);
  const password = decode(u.password);
  // The message says which kind of problem it is, never which password.
  let problem: string | undefined;
  if (password === '') problem = 'has no password';
  else if (DEFAULT_PASSWORDS.has(password.toLowerCase()) || password === user) problem = 'uses a well-known default password';
  if (!problem) return [];
  const message =
    `DATABASE_URL ${problem} in ${ctx.profile}: anyone who can reach the database can log in. ` +
    'Create a dedicated database user with a generated password and put it in the URL.';
  return [finding('default-credentials', 'error', message, valueRange(ctx, k.entry), { key: 'DATABASE_URL' })];
}

function redis(ctx: RuleContext): Finding[] {
  const k = setEntry(ctx, 'REDIS_URL');
  const u = k && parseUrl(k.value);
  if (!k || !u || u.password !== '' || isLoopbackHost(urlHost(u))) return [];
  const message =
    `REDIS_URL has no password for ${urlHost(u)} in ${ctx.profile}: anyone who can reach Redis can read or clear token revocations. ` +
    'Enable Redis authentication (requirepass or an ACL user) and put the password in the URL: rediss://:PASSWORD@host:6380.';
  return [finding('default-credentials', 'warning', message, valueRange(ctx, k.entry), { key: 'REDIS_URL' })];
}

export const defaultCredentials: Rule = {
  id: 'default-credentials',
  description: 'In staging/production: a default or empty PostgreSQL password, or Redis on another host without a password.',
  semantic: true,
  catalog: true,
  check(ctx) {
    if (!ctx.prodLike) return [];
    return [...database(ctx), ...redis(ctx)];
  },
};
