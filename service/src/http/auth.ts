// Admin-token authentication (service.md "Auth"): `Authorization: Bearer <JWT>` verified with jose.
// HS256 with M1_ADMIN_JWT_SECRET and/or a JWKS from JWKS_URL; only the configured algorithms are accepted
// (never `none`), `exp` is required, `iss`/`aud` are checked when configured, scopes come from `scope`.
//
// STABLE INTERFACE (used by the revocation work):
//   SCOPES, type Scope
//   type AdminPrincipal = { sub: string | null; scopes: ReadonlySet<string>; claims: JWTPayload }
//   createAdminVerifier(auth: ServiceConfig['auth']) → AdminTokenVerifier { verify(token): Promise<AdminPrincipal>; algorithms }
//   installAuth(app, verifier)        (buildApp does it; decorates `app.adminAuth` and `request.principal`)
//   requireScope(scope, { allowQueryToken? }) → fastify onRequest hook (runs before any body byte is read):
//       401 + `WWW-Authenticate: Bearer ...` when the token is missing/invalid/expired/revoked, 403 without
//       the scope, 429 past the token's requests in flight; on success `request.principal` holds the
//       verified admin (its `sub` is the audit `actor`).
//   signAdminToken(secret, { sub, scopes, ttlS, issuer?, audience? }) → Promise<string>   (--dev, tests)
import { createHash } from 'node:crypto';
import { SignJWT, createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { JwtAlgorithm, ServiceConfig } from '../config';
import { HttpError } from './errors';
import type { TokenLimits } from './limits';

export const SCOPES = ['events:write', 'analytics:read', 'tokens:revoke', 'tokens:read', 'tokens:audit'] as const;
export type Scope = (typeof SCOPES)[number];

export interface AdminPrincipal {
  sub: string | null;
  scopes: ReadonlySet<string>;
  claims: JWTPayload;
  /** Names the token in per-token limits: its jti, else a hash of the whole token. */
  key: string;
}

/** Refuses a verified token that has been revoked (installed by the revocation part; throws HttpError). */
export type TokenGate = (principal: AdminPrincipal) => Promise<void>;

export interface AdminTokenVerifier {
  /** The accepted `alg` values; an empty list means no key is configured and every token is refused. */
  readonly algorithms: readonly JwtAlgorithm[];
  /** Resolves to the principal, or rejects with an HttpError 401. */
  verify(token: string): Promise<AdminPrincipal>;
}

declare module 'fastify' {
  interface FastifyInstance {
    adminAuth: AdminTokenVerifier;
    /** Every authenticated route asks it (revocation); allows everything until the revocation part sets it. */
    tokenGate: TokenGate;
    tokenLimits: TokenLimits;
  }
  interface FastifyRequest {
    /** Set by `requireScope` once the admin token verified. */
    principal: AdminPrincipal | null;
    /** Gives the token's request slot back early (a live stream holds a stream slot instead). */
    releaseSlot: (() => void) | null;
  }
}

const REALM = 'Bearer realm="m1-ops"';

/** RFC 6750 §3: error_description holds %x20-21 / %x23-5B / %x5D-7E only (no quote, no backslash). */
export function headerSafe(text: string): string {
  return text.replace(/"/g, "'").replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, '?');
}

export function unauthorized(message: string, invalidToken: boolean): HttpError {
  const header = invalidToken ? `${REALM}, error="invalid_token", error_description="${headerSafe(message)}"` : REALM;
  return new HttpError(401, 'unauthorized', message, [], { 'WWW-Authenticate': header });
}

/** Why a token failed, in words that never include the token. */
function describe(e: unknown): string {
  if (e instanceof joseErrors.JWTExpired) return 'token expired';
  if (e instanceof joseErrors.JWTClaimValidationFailed) return `token claim "${e.claim}" rejected: ${e.message}`;
  if (e instanceof joseErrors.JOSEAlgNotAllowed) return 'token algorithm not allowed';
  if (e instanceof joseErrors.JWSSignatureVerificationFailed) return 'token signature invalid';
  if (e instanceof joseErrors.JWKSNoMatchingKey) return 'no key matches the token';
  if (e instanceof joseErrors.JWSInvalid || e instanceof joseErrors.JWTInvalid) return 'malformed token';
  if (e instanceof joseErrors.JOSENotSupported) return 'token algorithm not supported';
  return 'invalid token';
}

export function createAdminVerifier(auth: ServiceConfig['auth']): AdminTokenVerifier {
  const secret = auth.adminSecret ? new TextEncoder().encode(auth.adminSecret) : null;
  const jwks = auth.jwksUrl ? createRemoteJWKSet(new URL(auth.jwksUrl)) : null;
  const algorithms: JwtAlgorithm[] = [];
  if (secret) algorithms.push('HS256');
  if (jwks) algorithms.push(auth.jwksAlgorithm);
  // The header picks the key: HMAC algorithms use the admin secret, the others the JWKS. jwtVerify checks
  // the algorithm against the allowlist before it asks for a key, so `none` never gets this far.
  const getKey: JWTVerifyGetKey = async (header, token) => {
    if (header.alg.startsWith('HS')) {
      if (!secret) throw new joseErrors.JOSEAlgNotAllowed('no HMAC key configured');
      return secret;
    }
    if (!jwks) throw new joseErrors.JOSEAlgNotAllowed('no JWKS configured');
    return jwks(header, token);
  };
  return {
    algorithms,
    async verify(token: string): Promise<AdminPrincipal> {
      if (algorithms.length === 0) throw unauthorized('no admin key configured (set M1_ADMIN_JWT_SECRET or JWKS_URL)', true);
      try {
        const { payload } = await jwtVerify(token, getKey, {
          algorithms,
          requiredClaims: ['exp'],
          ...(auth.issuer ? { issuer: auth.issuer } : {}),
          ...(auth.audience ? { audience: auth.audience } : {}),
        });
        const scope = typeof payload.scope === 'string' ? payload.scope : '';
        const key = typeof payload.jti === 'string' ? `j:${payload.jti}` : `h:${createHash('sha256').update(token).digest('base64url').slice(0, 22)}`;
        return { sub: payload.sub ?? null, scopes: new Set(scope.split(' ').filter(Boolean)), claims: payload, key };
      } catch (e) {
        throw unauthorized(describe(e), true);
      }
    },
  };
}

export function installAuth(app: FastifyInstance, verifier: AdminTokenVerifier, limits: TokenLimits): void {
  app.decorate('adminAuth', verifier);
  app.decorate('tokenGate', (() => Promise.resolve()) as TokenGate);
  app.decorate('tokenLimits', limits);
  app.decorateRequest('principal', null);
  app.decorateRequest('releaseSlot', null);
}

function bearerToken(request: FastifyRequest, allowQueryToken: boolean): string | null {
  const header = request.headers.authorization;
  if (typeof header === 'string') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return m?.[1] ?? null;
  }
  if (allowQueryToken) {
    const q = request.query as Record<string, unknown> | undefined;
    const t = q?.access_token;
    if (typeof t === 'string' && t !== '') return t;
  }
  return null;
}

export interface RequireScopeOptions {
  /** Accept `?access_token=` (browsers' EventSource cannot set headers). Only the SSE stream uses it. */
  allowQueryToken?: boolean;
}

/**
 * The route's guard, as an onRequest hook: it runs when the headers are in and before fastify reads
 * any body byte, so an unauthenticated client never gets to hold the connection with a slow body
 * (the refusal goes out with `Connection: close`, see errors.ts). Order: token present and valid
 * (signature, algorithm, exp, iss/aud), not revoked (the revocation checker's cache keeps it cheap),
 * the scope, then a request slot for the token.
 */
export function requireScope(scope: Scope, opts: RequireScopeOptions = {}): onRequestAsyncHookHandler {
  return async function checkScope(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const token = bearerToken(request, opts.allowQueryToken ?? false);
    if (!token) throw unauthorized('missing bearer token', false);
    const principal = await request.server.adminAuth.verify(token);
    await request.server.tokenGate(principal);
    if (!principal.scopes.has(scope)) {
      throw new HttpError(403, 'insufficient_scope', `the token lacks the scope "${scope}"`, [], {
        'WWW-Authenticate': `${REALM}, error="insufficient_scope", scope="${scope}"`,
      });
    }
    request.principal = principal;
    const release = request.server.tokenLimits.enterRequest(principal.key);
    request.releaseSlot = release;
    reply.raw.once('close', release);
  };
}

export interface SignOptions {
  sub: string;
  scopes: readonly string[];
  ttlS: number;
  issuer?: string | null;
  audience?: string | null;
}

export async function signAdminToken(secret: string, o: SignOptions): Promise<string> {
  let jwt = new SignJWT({ scope: o.scopes.join(' ') })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(o.sub)
    .setIssuedAt()
    .setJti(crypto.randomUUID())
    .setExpirationTime(Math.floor(Date.now() / 1000) + o.ttlS);
  if (o.issuer) jwt = jwt.setIssuer(o.issuer);
  if (o.audience) jwt = jwt.setAudience(o.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
