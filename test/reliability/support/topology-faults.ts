// Shared by the Redis topology fault tests (redis-cluster-faults, redis-sentinel-faults): a burst of
// revocations that retries each 503 as a real client would (so every revocation ends acknowledged,
// and the time writes were refused is measured), and a watcher that keeps looking revoked tokens up
// in the store (no cache) while a fault runs: each answer must be `revoked` or `failClosed`.
import type { RevocationStore } from '../../../service/src/revocation/types';

export interface BurstResult {
  acked: string[];
  /** 503 answers (revocation not acknowledged: retried). */
  refused: number;
  /** performance.now() of the last 503, or null. */
  lastRefusedAt: number | null;
  /** performance.now() of each acknowledgement, by jti. */
  ackedAt: Map<string, number>;
}

export async function revocationBurst(o: {
  bases: string[];
  admin: string;
  jtis: string[];
  concurrency: number;
  /** Called after each acknowledgement with the count so far (a test triggers its fault from it). */
  onAck?: (n: number) => void;
  deadlineMs?: number;
}): Promise<BurstResult> {
  const r: BurstResult = { acked: [], refused: 0, lastRefusedAt: null, ackedAt: new Map() };
  const exp = Math.floor(Date.now() / 1000) + 3600;
  const deadline = performance.now() + (o.deadlineMs ?? 120_000);
  let next = 0;
  const worker = async (w: number): Promise<void> => {
    for (;;) {
      const i = next++;
      const jti = o.jtis[i];
      if (jti === undefined) return;
      for (let attempt = 0; ; attempt++) {
        if (performance.now() > deadline) throw new Error(`revocation ${jti} not acknowledged before the deadline`);
        const base = o.bases[(i + attempt + w) % o.bases.length] as string;
        let status = 0;
        try {
          const res = await fetch(`${base}/v1/tokens/revoke`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${o.admin}` },
            body: JSON.stringify({ jti, exp, reason: 'burst' }),
          });
          await res.arrayBuffer();
          status = res.status;
        } catch {
          status = -1;
        }
        if (status === 200) {
          r.acked.push(jti);
          r.ackedAt.set(jti, performance.now());
          o.onAck?.(r.acked.length);
          break;
        }
        if (status !== 503 && status !== -1) throw new Error(`revoke answered ${status}`);
        r.refused++;
        r.lastRefusedAt = performance.now();
        await new Promise((res) => setTimeout(res, 50)); // a client's retry back-off, not synchronisation
      }
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, (_, w) => worker(w)));
  return r;
}

/** Looks revoked jtis up in the store in a loop until stopped (the check path under the cache, so
 * every answer comes from Redis); tallies outcomes: revoked, failClosed (the lookup failed), allowed. */
export class RevokedWatcher {
  readonly outcomes: Record<string, number> = {};
  private running = true;
  private readonly loop: Promise<void>;

  constructor(store: Pick<RevocationStore, 'lookup'>, jtis: () => string[]) {
    this.loop = (async () => {
      let i = 0;
      while (this.running) {
        const pool = jtis();
        const jti = pool[i++ % Math.max(1, pool.length)];
        if (jti !== undefined) {
          const o = await store.lookup({ jti }).then(
            (r) => (r.jtiRevoked ? 'revoked' : 'allowed'),
            () => 'failClosed',
          );
          this.outcomes[o] = (this.outcomes[o] ?? 0) + 1;
        }
        await new Promise((r) => setTimeout(r, 10)); // pacing the background checks
      }
    })();
  }

  get admitted(): number {
    return this.outcomes.allowed ?? 0;
  }

  async stop(): Promise<Record<string, number>> {
    this.running = false;
    await this.loop;
    return this.outcomes;
  }
}
