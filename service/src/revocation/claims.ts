// What a check knows about a token, and the rules that decide it from a store lookup. Pure
// functions: the checker's hot path calls them.
import { decodeJwt } from '../../../shared/src/jwt';
import { EXP_SKEW_MS, type LookupResult } from './types';

/** The claims a check reads; a verified token's payload fits as it is. */
export interface CheckClaims {
  jti?: string;
  sub?: string;
  tool?: string;
  /** Seconds. Needed to tell whether a revoke-all applies; without it, a revoke-all does. */
  iat?: number;
  /** Seconds. Revoked answers are cached until then. */
  exp?: number;
}

export function claimsOf(token: string): CheckClaims | null {
  const d = decodeJwt(token);
  return d.ok ? d.value.claims : null;
}

export function cacheKey(c: CheckClaims): string | null {
  if (typeof c.jti === 'string') return c.jti;
  if (typeof c.sub !== 'string' && typeof c.tool !== 'string') return null;
  // Never collides with a jti key: jtis come from JSON strings and this starts with a NUL.
  return `\u0000${c.sub ?? ''}\u0000${c.tool ?? ''}\u0000${c.iat ?? ''}`;
}

/** Whether the lookup result revokes this token. */
export function decide(c: CheckClaims, r: LookupResult): boolean {
  if (r.jtiRevoked) return true;
  const nb = Math.max(r.subNotBefore ?? -1, r.toolNotBefore ?? -1);
  if (nb < 0) return false;
  // A token without iat cannot show it was issued after the revoke-all: it is revoked. iat has
  // one-second resolution, so a token issued in the same second as the revoke-all counts as
  // earlier (revoking slightly too much is the safe side).
  if (typeof c.iat !== 'number') return true;
  return c.iat * 1000 < nb;
}

export function revokedUntil(c: CheckClaims, now: number, ttlMs: number): number {
  // Until the token expires (it is refused by its verifier after that anyway); without exp we do
  // not know when the record lapses, so re-ask after the TTL.
  return typeof c.exp === 'number' ? c.exp * 1000 + EXP_SKEW_MS : now + ttlMs;
}
