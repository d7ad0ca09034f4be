// Steady ingestion: `tools` events whose `tool` is a unique marker (`<tag>-<n>`), posted in batches
// to the given instances in turn, optionally paced (load generation, not synchronisation). Every
// batch must be acknowledged (202); a refused batch is an error.
import { postJson } from './http';

export interface ProduceOptions {
  targets: () => readonly string[];
  token: string;
  tag: string;
  total: number;
  batch: number;
  /** Concurrent posters. */
  concurrency?: number;
  /** Events per second overall; absent: as fast as acknowledged. */
  ratePerS?: number;
  /** Called after each acknowledged batch with the number acknowledged so far. */
  onProgress?: (acked: number) => void;
}

export interface Produced {
  markers: string[];
  batches: number;
}

export const marker = (tag: string, n: number): string => `${tag}-${n}`;

export async function produce(o: ProduceOptions): Promise<Produced> {
  let next = 0;
  let acked = 0;
  let batches = 0;
  const t0 = performance.now();
  const worker = async (w: number): Promise<void> => {
    for (let round = 0; next < o.total; round++) {
      const from = next;
      const n = Math.min(o.batch, o.total - from);
      next += n;
      if (o.ratePerS) {
        const due = t0 + (from / o.ratePerS) * 1000;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait)); // pacing the load, not waiting for a result
      }
      const list = o.targets();
      const target = list[(w + round) % list.length] as string;
      const events = Array.from({ length: n }, (_, k) => ({ type: 'tools', tool: marker(o.tag, from + k), status: 'ok', durationMs: k }));
      const r = await postJson(`${target}/v1/events`, { events }, o.token);
      if (r.status !== 202) throw new Error(`POST ${target}/v1/events answered ${r.status}: ${r.text.slice(0, 200)}`);
      acked += n;
      batches++;
      o.onProgress?.(acked);
    }
  };
  await Promise.all(Array.from({ length: o.concurrency ?? 1 }, (_, w) => worker(w)));
  return { markers: Array.from({ length: o.total }, (_, n) => marker(o.tag, n)), batches };
}
