// What the in-memory engine's rows cost, measured from what it allocated: every chunk's typed arrays
// (they are allocated whole, so a chunk costs the same with 1 row or 8,192), its sparse tag columns, and
// the dictionaries (strings are kept once per distinct value). The budget (M1_ANALYTICS_MEMORY_MB) is
// compared with this figure, not with the process RSS: RSS also holds the runtime, the ring buffer and
// garbage not yet collected, which the engine cannot give back on demand.
import type { Chunk, ColumnarTable } from './columnar-table';

/** Map entries and object headers of a chunk, roughly. */
const CHUNK_OVERHEAD = 512;

export function chunkBytes(c: Chunk): number {
  let n = CHUNK_OVERHEAD + c.ts.byteLength + c.seq.byteLength + c.arrived.byteLength;
  for (const a of c.num.values()) n += a.byteLength;
  for (const a of c.str.values()) n += a.byteLength;
  for (const t of c.tags.values()) n += 96 + t.rows.byteLength + t.codes.byteLength;
  return n;
}

export function dictionaryBytes(t: ColumnarTable): number {
  let n = 0;
  for (const d of t.dicts.values()) n += d.bytes;
  for (const d of t.tagDicts.values()) n += d.bytes;
  return n;
}

export function tableBytes(t: ColumnarTable): number {
  let n = dictionaryBytes(t);
  for (const c of t.chunks) n += chunkBytes(c);
  return n;
}

/** The newest `ts` (+1) of the rows a chunk held from its start: what evicting it takes from the window. */
export function chunkTsEnd(c: Chunk): number {
  let max = -Infinity;
  for (let i = c.start; i < c.length; i++) if ((c.ts[i] as number) > max) max = c.ts[i] as number;
  return max + 1;
}

/** Evicts whole chunks, the one whose newest row arrived first, until the tables fit `budget` bytes
 * (or only chunks being appended to remain). Returns the bytes held afterwards. Choosing by the newest
 * arrival of a chunk, not the oldest, keeps a slow type's one chunk (which spans hours) from going
 * first just because it started early. */
export function enforceBudget(tables: Iterable<ColumnarTable>, budget: number): number {
  const list = [...tables];
  let total = 0;
  for (const t of list) total += tableBytes(t);
  while (total > budget) {
    let victim: ColumnarTable | null = null;
    let oldest = Infinity;
    for (const t of list) {
      const head = t.chunks[0];
      if (t.chunks.length < 2 || !head) continue;
      const last = head.arrived[head.length - 1] as number;
      if (last < oldest) {
        oldest = last;
        victim = t;
      }
    }
    if (!victim) break;
    const head = victim.chunks[0] as Chunk;
    const bytes = chunkBytes(head);
    victim.evictHead(chunkTsEnd(head));
    total -= bytes;
  }
  return total;
}
