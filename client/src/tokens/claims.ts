// Reading what the user pasted: a JWT (decoded, not verified: one may revoke a token one cannot
// verify) or a bare jti. The words shown before acting (sub, jti, exp, tool) come from here.
import { decodeJwt, looksLikeJwt, type JwtClaims } from '../../../shared/src/jwt';

export type TokenRef =
  | { kind: 'jwt'; token: string; claims: JwtClaims; jti: string | null }
  | { kind: 'jti'; jti: string };

const JTI = /^[^\s]{1,512}$/;

/** Parses the pasted text; an error names what is wrong and never repeats the token. */
export function parseTokenRef(text: string): { ok: true; ref: TokenRef } | { ok: false; error: string } {
  const t = text.trim();
  if (t === '') return { ok: false, error: 'Paste a token (JWT) or its id (jti).' };
  if (looksLikeJwt(t)) {
    const d = decodeJwt(t);
    if (!d.ok) return { ok: false, error: `This looks like a JWT but cannot be read: ${d.reason}.` };
    return { ok: true, ref: { kind: 'jwt', token: t, claims: d.value.claims, jti: d.value.claims.jti ?? null } };
  }
  if (t.split('.').length === 3) return { ok: false, error: 'This looks like a JWT but is not one (three base64url parts expected).' };
  if (!JTI.test(t)) return { ok: false, error: 'A jti is 1 to 512 characters without spaces.' };
  return { ok: true, ref: { kind: 'jti', jti: t } };
}

/** "in 2 h", "5 min ago": enough to see at a glance whether a token is still alive. */
export function relative(epochMs: number, now: number): string {
  const d = epochMs - now;
  const a = Math.abs(d);
  const n = a < 90_000 ? `${Math.round(a / 1000)} s` : a < 90 * 60_000 ? `${Math.round(a / 60_000)} min` : a < 48 * 3_600_000 ? `${Math.round(a / 3_600_000)} h` : `${Math.round(a / 86_400_000)} days`;
  return d >= 0 ? `in ${n}` : `${n} ago`;
}

export function describeExp(exp: number | undefined, now: number): string {
  if (exp === undefined) return 'no expiry (exp)';
  const ms = exp * 1000;
  return `${new Date(ms).toISOString()} (${ms < now ? 'expired ' : ''}${relative(ms, now)})`;
}

/** The claims shown before a revocation, one per line. */
export function describeClaims(ref: TokenRef, now: number): string[] {
  if (ref.kind === 'jti') return [`jti: ${ref.jti}`, 'Only the id was given: subject, tool and expiry are unknown here.'];
  const c = ref.claims;
  return [`sub: ${c.sub ?? '(none)'}`, `jti: ${c.jti ?? '(none)'}`, `exp: ${describeExp(c.exp, now)}`, `tool: ${c.tool ?? '(none)'}`];
}

export function scopesOf(claims: JwtClaims): string[] {
  return (claims.scope ?? '').split(/\s+/).filter(Boolean);
}
