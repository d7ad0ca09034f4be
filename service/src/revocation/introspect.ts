// RFC 7662 introspection: verify with the service's configured key (the same jose verifier as the
// admin auth: M1_ADMIN_JWT_SECRET and/or JWKS_URL, only the configured algorithms, never `none`,
// `exp` required, iss/aud when configured), then ask the checker. Anything wrong is just
// `{"active": false}`: RFC 7662 §2.2 says to reveal nothing about why.
import type { JWTPayload } from 'jose';
import type { RevocationChecker } from './checker';

export type IntrospectResponse = { active: false } | ({ active: true } & Record<string, unknown>);

const INACTIVE: IntrospectResponse = { active: false };

/** The claims RFC 7662 §2.2 lists, plus M1's `tool`, copied when present. */
const PASSED = ['scope', 'client_id', 'username', 'token_type', 'exp', 'iat', 'nbf', 'sub', 'aud', 'iss', 'jti', 'tool'] as const;

export async function introspect(
  token: string,
  verify: (token: string) => Promise<{ claims: JWTPayload }>,
  checker: RevocationChecker,
): Promise<IntrospectResponse> {
  let claims: JWTPayload;
  try {
    claims = (await verify(token)).claims;
  } catch {
    return INACTIVE;
  }
  const check = {
    ...(typeof claims.jti === 'string' ? { jti: claims.jti } : {}),
    ...(typeof claims.sub === 'string' ? { sub: claims.sub } : {}),
    ...(typeof claims.tool === 'string' ? { tool: claims.tool } : {}),
    ...(typeof claims.iat === 'number' ? { iat: claims.iat } : {}),
    ...(typeof claims.exp === 'number' ? { exp: claims.exp } : {}),
  };
  if (await checker.isRevoked(check)) return INACTIVE;
  const out: Record<string, unknown> = {};
  for (const k of PASSED) if (claims[k] !== undefined) out[k] = claims[k];
  return { active: true, ...out };
}
