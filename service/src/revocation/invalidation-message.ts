// The pub/sub message a revocation publishes, and its parser (messages cross a process boundary:
// zod-checked, and a message that does not parse is dropped rather than trusted).
import { z } from 'zod';
import type { NotBeforeEntry } from './types';

const RevokedMessage = z.object({ t: z.literal('j'), jti: z.string().min(1), until: z.number() });
const NotBeforeMessage = z.object({
  t: z.literal('n'),
  kind: z.enum(['sub', 'tool']),
  value: z.string().min(1),
  notBefore: z.number(),
  until: z.number(),
});
const Message = z.discriminatedUnion('t', [RevokedMessage, NotBeforeMessage]);

export type InvalidationMessage = { t: 'j'; jti: string; until: number } | ({ t: 'n' } & NotBeforeEntry);

export function encodeRevoked(jti: string, until: number): string {
  return JSON.stringify({ t: 'j', jti, until });
}

export function encodeNotBefore(e: NotBeforeEntry): string {
  return JSON.stringify({ t: 'n', kind: e.kind, value: e.value, notBefore: e.notBefore, until: e.until });
}

export function parseInvalidation(raw: string): InvalidationMessage | null {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const r = Message.safeParse(json);
  return r.success ? r.data : null;
}
