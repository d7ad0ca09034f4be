// The two keys introspection verifies with (service.md "Token revocation"): an application token
// (what an M1 application issues: JWT_ALGORITHM with JWT_SECRET, JWT_PUBLIC_KEY or JWKS_URL) and an
// operator token (this service's admin key: M1_ADMIN_JWT_SECRET or JWKS_URL). Only the configured
// algorithm is accepted for application tokens (never `none`); issuer and audience are checked when
// JWT_ISSUER / JWT_AUDIENCE are set, for both kinds.
import { createRemoteJWKSet, importSPKI, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type CryptoKey } from 'jose';
import type { ServiceConfig } from '../config';
import type { AdminTokenVerifier } from '../http/auth';

export type TokenKind = 'application' | 'operator';

export interface TokenVerifiers {
  /** Null when no application key is configured: application tokens are then never active. */
  application: ((token: string) => Promise<JWTPayload>) | null;
  operator: (token: string) => Promise<JWTPayload>;
}

export function createAppVerifier(a: ServiceConfig['appAuth']): TokenVerifiers['application'] {
  const alg = a.algorithm;
  let getKey: Uint8Array | JWTVerifyGetKey;
  if (alg.startsWith('HS')) {
    if (a.secret === null) return null;
    getKey = new TextEncoder().encode(a.secret);
  } else if (a.publicKey !== null) {
    let key: Promise<CryptoKey> | null = null;
    const pem = a.publicKey;
    getKey = () => (key ??= importSPKI(pem, alg));
  } else if (a.jwksUrl !== null) {
    getKey = createRemoteJWKSet(new URL(a.jwksUrl));
  } else {
    return null;
  }
  const options = { algorithms: [alg], ...(a.issuer ? { issuer: a.issuer } : {}), ...(a.audience ? { audience: a.audience } : {}) };
  return async (token) => {
    const { payload } = typeof getKey === 'function' ? await jwtVerify(token, getKey, options) : await jwtVerify(token, getKey, options);
    return payload;
  };
}

export function tokenVerifiers(config: ServiceConfig, admin: AdminTokenVerifier): TokenVerifiers {
  return { application: createAppVerifier(config.appAuth), operator: async (t) => (await admin.verify(t)).claims };
}

/** The claims of a token that verifies with either key, and which key it was; null when neither. */
export async function verifyEither(token: string, v: TokenVerifiers): Promise<{ kind: TokenKind; claims: JWTPayload } | null> {
  if (v.application) {
    try {
      return { kind: 'application', claims: await v.application(token) };
    } catch {
      // not an application token (or not a valid one): try the operator key
    }
  }
  try {
    return { kind: 'operator', claims: await v.operator(token) };
  } catch {
    return null;
  }
}
