// Small HTTP helpers for the revocation API tests (real sockets, the service on port 0).
import { SignJWT } from 'jose';
import { TEST_SECRET } from '../service/harness';

export interface Res {
  status: number;
  body: unknown;
  headers: Headers;
}

async function read(res: Response): Promise<Res> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep text
  }
  return { status: res.status, body, headers: res.headers };
}

export async function post(url: string, token: string | null, body: unknown, contentType = 'application/json'): Promise<Res> {
  const payload = typeof body === 'string' ? body : contentType.includes('form') ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body);
  return read(
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: payload,
    }),
  );
}

export async function get(url: string, token: string | null): Promise<Res> {
  return read(await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} }));
}

/** An application token as an M1 app would carry, signed with the service's key (so introspect can verify it). */
export async function appToken(claims: { jti?: string; sub?: string; tool?: string; iat?: number; exp?: number }): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const { jti, sub, tool, iat = now - 5, exp = now + 600 } = claims;
  let t = new SignJWT(tool ? { tool } : {}).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt(iat).setExpirationTime(exp);
  if (jti) t = t.setJti(jti);
  if (sub) t = t.setSubject(sub);
  return t.sign(new TextEncoder().encode(TEST_SECRET));
}

/** A token with `alg: none` (unsigned): must never be accepted. */
export function unsignedToken(claims: object): string {
  const enc = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${enc({ alg: 'none', typ: 'JWT' })}.${enc(claims)}.`;
}
