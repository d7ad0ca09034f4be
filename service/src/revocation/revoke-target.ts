// What a revoke request names: from the token (decoded, not verified: RFC 7009 lets one revoke a
// token one cannot verify) or from `jti`/`exp` given directly.
import { decodeJwt } from '../../../shared/src/jwt';
import { MAX_EXP_S, type RevokeBody } from './request-schemas';

export interface RevokeTarget {
  jti: string;
  sub: string | null;
  tool: string | null;
  /** Epoch seconds, or null when unknown (then TOKEN_REVOCATION_RETENTION_H applies). */
  exp: number | null;
}

export type TargetResult = { ok: true; target: RevokeTarget } | { ok: false; code: 'malformed_token' | 'missing_jti' | 'invalid_exp'; message: string };

export function revokeTarget(b: RevokeBody): TargetResult {
  if (b.token === undefined) {
    return { ok: true, target: { jti: b.jti as string, sub: null, tool: b.tool ?? null, exp: b.exp ?? null } };
  }
  const d = decodeJwt(b.token);
  if (!d.ok) return { ok: false, code: 'malformed_token', message: `cannot revoke: ${d.reason}` };
  const c = d.value.claims;
  if (c.jti === undefined) {
    return {
      ok: false,
      code: 'missing_jti',
      message:
        'cannot revoke this token: it has no `jti` claim, and revocations are keyed by jti. ' +
        'Revoke every token of its subject or tool instead (POST /v1/tokens/revoke-all, `m1-ops token revoke-all --sub`), ' +
        'and issue tokens with a jti.',
    };
  }
  if (c.exp !== undefined && !(c.exp <= MAX_EXP_S)) {
    return { ok: false, code: 'invalid_exp', message: 'cannot revoke: the token\'s `exp` is beyond the year 9999, which no revocation record can hold' };
  }
  // The token's own `tool` claim wins over the request's (the request names it only when the token does not).
  return { ok: true, target: { jti: c.jti, sub: c.sub ?? null, tool: c.tool ?? b.tool ?? null, exp: c.exp ?? null } };
}
