// Decodes a JWT's header and claims WITHOUT verifying its signature. Used where one must read a
// token one cannot (or need not) verify: revoking it (RFC 7009 lets anyone holding a token ask
// for its revocation), showing its claims before acting (CLI, extension), keying a revocation
// check. Never use the result to grant access. Portable (no Node Buffer): the extension and
// browsers use it too.
import { z } from 'zod';

/** NumericDate (RFC 7519 §2): seconds since the epoch, possibly fractional. */
const NumericDate = z.number().nonnegative();

/** The registered claims we read, plus M1's `tool`; other claims are kept as they are. */
export const JwtClaimsSchema = z.looseObject({
  jti: z.string().min(1).max(512).optional(),
  sub: z.string().min(1).max(512).optional(),
  iss: z.string().optional(),
  aud: z.union([z.string(), z.array(z.string())]).optional(),
  exp: NumericDate.optional(),
  nbf: NumericDate.optional(),
  iat: NumericDate.optional(),
  scope: z.string().optional(),
  tool: z.string().min(1).max(512).optional(),
});
export type JwtClaims = z.infer<typeof JwtClaimsSchema>;

export const JwtHeaderSchema = z.looseObject({
  alg: z.string(),
  typ: z.string().optional(),
  kid: z.string().optional(),
});
export type JwtHeader = z.infer<typeof JwtHeaderSchema>;

export interface DecodedJwt {
  header: JwtHeader;
  claims: JwtClaims;
}

export type DecodeResult = { ok: true; value: DecodedJwt } | { ok: false; reason: string };

/** Anything longer is not a token anyone should be sending us; refuse before decoding. */
export const MAX_JWT_LENGTH = 16 * 1024;

const SEGMENT = /^[A-Za-z0-9_-]*$/;

/** True when `s` has the compact JWS shape `xxx.yyy.zzz` (base64url segments). Cheap. */
export function looksLikeJwt(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 3 && parts.every((p, i) => SEGMENT.test(p) && (i === 2 || p.length > 0));
}

function base64UrlToText(seg: string): string {
  const b64 = seg.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (seg.length % 4)) % 4);
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

function parseSegment(seg: string): unknown {
  return JSON.parse(base64UrlToText(seg)) as unknown;
}

function describe(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`).join('; ');
}

/**
 * Decodes a compact JWS without verifying it. The reason on failure names what is wrong with the
 * token's shape and never echoes the token.
 */
export function decodeJwt(token: string): DecodeResult {
  const t = token.trim();
  if (t.length === 0) return { ok: false, reason: 'the token is empty' };
  if (t.length > MAX_JWT_LENGTH) return { ok: false, reason: `the token is longer than ${MAX_JWT_LENGTH} characters` };
  if (!looksLikeJwt(t)) {
    return { ok: false, reason: 'not a JWT: expected three base64url segments separated by dots (header.payload.signature)' };
  }
  const [h, p] = t.split('.') as [string, string, string];
  let header: unknown;
  let payload: unknown;
  try {
    header = parseSegment(h);
  } catch {
    return { ok: false, reason: 'not a JWT: the header is not base64url-encoded JSON' };
  }
  try {
    payload = parseSegment(p);
  } catch {
    return { ok: false, reason: 'not a JWT: the payload is not base64url-encoded JSON' };
  }
  const hr = JwtHeaderSchema.safeParse(header);
  if (!hr.success) return { ok: false, reason: `the JWT header is invalid (${describe(hr.error.issues)})` };
  const cr = JwtClaimsSchema.safeParse(payload);
  if (!cr.success) return { ok: false, reason: `the JWT claims are invalid (${describe(cr.error.issues)})` };
  return { ok: true, value: { header: hr.data, claims: cr.data } };
}
