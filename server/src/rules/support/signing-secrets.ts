// The secrets whose value placeholder-secret and weak-secret judge. In an M1 config: the catalog's
// secret variables. In any other .env (generic schema): variables whose NAME says they sign or
// encrypt what the application itself issues (tokens, sessions, cookies): JWT_SECRET, SESSION_SECRET,
// NEXTAUTH_SECRET, SECRET_KEY (Django, Flask), SECRET_KEY_BASE (Rails), APP_SECRET (Symfony),
// APP_KEY (Laravel). Secrets a provider issues (GITHUB_CLIENT_SECRET, STRIPE_WEBHOOK_SECRET,
// AWS_SECRET_ACCESS_KEY) are not judged: their length is the provider's choice, not the project's.
import { VARIABLES } from '../../catalog';
import type { RuleContext } from '../../engine/types';
import type { EnvEntry } from '../../parser/types';

// The catalog's signing secrets: not every catalog secret (a Redis password's length and form are
// Redis' or its provider's business, not HMAC's).
const CATALOG_SECRETS: readonly string[] = VARIABLES.filter((s) => s.secret && s.rules.includes('placeholder-secret')).map((s) => s.name);

const EXACT = new Set(['SECRET', 'SECRET_KEY', 'SECRET_KEY_BASE', 'APP_SECRET', 'APP_KEY', 'JWT_KEY', 'SIGNING_KEY', 'ENCRYPTION_KEY']);
/** `<anything>_JWT_SECRET`, `SESSION_SECRET`, `DJANGO_SECRET_KEY`, `AUTH_SECRET`, `COOKIE_SECRET_KEY`, … */
const SIGNING = /(?:^|_)(?:JWT|SESSION|COOKIE|NEXTAUTH|AUTH|ENCRYPTION|SIGNING|HMAC|CSRF|ACCESS_TOKEN|REFRESH_TOKEN|TOKEN)_SECRET(?:_KEY)?$|^(?:DJANGO|FLASK|RAILS|APP|JWT)_SECRET_KEY$/;
/** Issued by someone else: never judged for strength. */
const PROVIDER = /CLIENT|WEBHOOK|CONSUMER|OAUTH|API_SECRET/;

export function isSigningSecretName(key: string): boolean {
  const k = key.toUpperCase();
  return (EXACT.has(k) || SIGNING.test(k)) && !PROVIDER.test(k);
}

export interface SecretTarget {
  key: string;
  entry: EnvEntry;
  /** The value as the application reads it (after interpolation). */
  value: string;
}

/** The secrets to judge in this file, set to a non-empty value, in file order. */
export function secretTargets(ctx: RuleContext): SecretTarget[] {
  const out: SecretTarget[] = [];
  const wanted = ctx.schema === 'm1' ? (k: string) => CATALOG_SECRETS.includes(k) : isSigningSecretName;
  for (const entry of ctx.effective.values()) {
    if (!wanted(entry.key)) continue;
    const value = ctx.expanded[entry.key] ?? entry.value;
    if (value !== '') out.push({ key: entry.key, entry, value });
  }
  if (ctx.schema === 'm1') out.sort((a, b) => CATALOG_SECRETS.indexOf(a.key) - CATALOG_SECRETS.indexOf(b.key));
  return out;
}
