// Tokens for the tests: admin tokens with the scopes asked for, application tokens (the kind that
// get revoked), and every malformed kind the auth must refuse.
import { randomUUID } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import { SCOPES } from '../../../service/src/http/auth';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const nowS = (): number => Math.floor(Date.now() / 1000);

export interface SignOptions {
  sub?: string;
  scopes?: readonly string[];
  iss?: string;
  aud?: string;
  /** Seconds from now (negative: already expired); null: no exp claim. */
  expInS?: number | null;
  /** Seconds from now (positive: not yet valid). */
  nbfInS?: number;
  jti?: string;
  extra?: JWTPayload;
}

export async function sign(secret: string, o: SignOptions = {}): Promise<string> {
  let t = new SignJWT({ ...(o.scopes ? { scope: o.scopes.join(' ') } : {}), ...(o.extra ?? {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(o.sub ?? 'reliability-admin')
    .setIssuedAt(nowS() - 5)
    .setJti(o.jti ?? randomUUID());
  if (o.expInS !== null) t = t.setExpirationTime(nowS() + (o.expInS ?? 3600));
  if (o.nbfInS !== undefined) t = t.setNotBefore(nowS() + o.nbfInS);
  if (o.iss) t = t.setIssuer(o.iss);
  if (o.aud) t = t.setAudience(o.aud);
  return t.sign(enc(secret));
}

export function adminToken(secret: string, o: SignOptions = {}): Promise<string> {
  return sign(secret, { scopes: SCOPES, ...o });
}

/** An application's token (as M1 tools carry): no scope, a jti and a tool claim. */
export function appToken(secret: string, jti: string = randomUUID(), sub = 'app-user'): Promise<string> {
  return sign(secret, { sub, jti, extra: { tool: 'reliability-tool' }, expInS: 3600 });
}

/** `alg: none`, unsigned. */
export function unsignedToken(payload: JWTPayload): string {
  const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`;
}

/** The signature part of a JWT (the secrets test looks for it on its own). */
export function signaturePart(jwt: string): string {
  return jwt.split('.')[2] ?? '';
}
