// RFC 7662 introspection: verify the token as an application token (the application's key
// configuration) or as an operator token (the service's admin key), see app-verifier.ts; then ask the
// checker. Anything wrong is just `{"active": false}`: RFC 7662 §2.2 says to reveal nothing about why.
// An active answer says which key verified it in `token_use` ("application" or "operator").
import type { RevocationChecker } from './checker';
import { verifyEither, type TokenVerifiers } from './app-verifier';
import { checkClaimsOf } from './setup';

export type IntrospectResponse = { active: false } | ({ active: true } & Record<string, unknown>);

const INACTIVE: IntrospectResponse = { active: false };

/** The claims RFC 7662 §2.2 lists, plus M1's `tool`, copied when present. */
const PASSED = ['scope', 'client_id', 'username', 'token_type', 'exp', 'iat', 'nbf', 'sub', 'aud', 'iss', 'jti', 'tool'] as const;

export async function introspect(token: string, verifiers: TokenVerifiers, checker: RevocationChecker): Promise<IntrospectResponse> {
  const v = await verifyEither(token, verifiers);
  if (v === null) return INACTIVE;
  if (await checker.isRevoked(checkClaimsOf(v.claims))) return INACTIVE;
  const out: Record<string, unknown> = {};
  for (const k of PASSED) if (v.claims[k] !== undefined) out[k] = v.claims[k];
  return { active: true, ...out, token_use: v.kind };
}
