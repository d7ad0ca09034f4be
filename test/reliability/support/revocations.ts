// Revocations over the API and the two ways a revocation is enforced: the service's own checker
// (RFC 7662 introspection on an instance) and the library checker an M1 application embeds.
import { postJson, type Reply } from './http';

export interface Burst {
  acked: string[];
  /** Answers other than 200, by status (e.g. 503 while the store is down). */
  refused: Record<string, number>;
  /** Requests that got no answer (the connection died). */
  unanswered: number;
  /** 503 answers that were tried again (only with `retry503`). */
  retried: number;
}

/**
 * Revokes every jti (with its exp) through the instances in turn, `concurrency` requests in flight.
 * `retry503`: how often one revocation answered 503 (the service failing closed, e.g. a check of the
 * admin token that outlived REDIS_COMMAND_TIMEOUT_MS on a loaded machine) is tried again, as a client
 * does on 503 + Retry-After (retrying a revocation is safe: it only ever extends the record).
 */
export async function revokeBurst(
  targets: () => readonly string[],
  admin: string,
  jtis: readonly string[],
  concurrency: number,
  exp: number,
  onAck?: (acked: number) => void,
  retry503 = 0,
): Promise<Burst> {
  const out: Burst = { acked: [], refused: {}, unanswered: 0, retried: 0 };
  let next = 0;
  const worker = async (w: number): Promise<void> => {
    for (let round = 0; next < jtis.length; round++) {
      const jti = jtis[next++] as string;
      const list = targets();
      const base = list[(w + round) % list.length] as string;
      let r: Reply;
      try {
        r = await postJson(`${base}/v1/tokens/revoke`, { jti, exp, reason: 'reliability burst' }, admin);
        for (let tries = 0; r.status === 503 && tries < retry503; tries++) {
          out.retried++;
          r = await postJson(`${base}/v1/tokens/revoke`, { jti, exp, reason: 'reliability burst' }, admin);
        }
      } catch {
        out.unanswered++;
        continue;
      }
      if (r.status === 200) {
        out.acked.push(jti);
        onAck?.(out.acked.length);
      } else out.refused[r.status] = (out.refused[r.status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  return out;
}

export type Introspection = 'active' | 'inactive' | `status ${number}` | 'no answer';

/** What an instance says of `token`: active, inactive, or the refusal (503 when it cannot check). */
export async function introspect(base: string, admin: string, token: string): Promise<Introspection> {
  let r: Reply;
  try {
    r = await postJson(`${base}/v1/tokens/introspect`, { token }, admin);
  } catch {
    return 'no answer';
  }
  if (r.status !== 200) return `status ${r.status}`;
  return (JSON.parse(r.text) as { active: boolean }).active ? 'active' : 'inactive';
}
