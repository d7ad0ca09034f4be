// The stored form of a revocation record: compact JSON with epoch-ms times and the jti left out
// (it is in the key). Both stores use it; about half the bytes of the API form, which matters at
// a million records. Parsed with zod when read back (the store is a boundary like any other).
import { z } from 'zod';
import type { RevocationRecord } from './types';

const Stored = z.object({
  s: z.string().nullable(),
  t: z.string().nullable(),
  r: z.string().nullable(),
  a: z.string().nullable(),
  at: z.number(),
  e: z.number().nullable(),
});

export function encodeRecord(r: RevocationRecord): string {
  return JSON.stringify({
    s: r.sub,
    t: r.tool,
    r: r.reason,
    a: r.actor,
    at: Date.parse(r.revokedAt),
    e: r.expiresAt === null ? null : Date.parse(r.expiresAt),
  });
}

export function decodeRecord(jti: string, raw: string): RevocationRecord | null {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const p = Stored.safeParse(json);
  if (!p.success) return null;
  const d = p.data;
  return {
    jti,
    sub: d.s,
    tool: d.t,
    reason: d.r,
    actor: d.a,
    revokedAt: new Date(d.at).toISOString(),
    expiresAt: d.e === null ? null : new Date(d.e).toISOString(),
  };
}
