// Columnar in-memory storage of one event type: fixed-size chunks of typed arrays (Float64 per numeric
// field, Int32 dictionary codes per string field and per tag), plus `ts`, `seq` and the arrival time.
// Chunks make retention cheap: rows arrive in arrival order, so trimming drops whole chunks from the head
// and moves a start offset inside the first one, without copying.
import { EVENT_FIELDS, type AnalyticsEvent, type EventType } from '../../../shared/src/events';
import { Dictionary } from './dictionary';

export const CHUNK_ROWS = 8192;

export class Chunk {
  length = 0;
  /** Rows before `start` are trimmed (retention). */
  start = 0;
  readonly ts = new Float64Array(CHUNK_ROWS);
  readonly seq = new Float64Array(CHUNK_ROWS);
  readonly arrived = new Float64Array(CHUNK_ROWS);
  readonly num = new Map<string, Float64Array>();
  readonly str = new Map<string, Int32Array>();
  /** Created when a chunk first sees the tag; rows before that hold -1. */
  readonly tags = new Map<string, Int32Array>();

  constructor(numFields: readonly string[], strFields: readonly string[]) {
    for (const f of numFields) this.num.set(f, new Float64Array(CHUNK_ROWS).fill(NaN));
    for (const f of strFields) this.str.set(f, new Int32Array(CHUNK_ROWS).fill(-1));
  }

  tagColumn(name: string): Int32Array {
    let col = this.tags.get(name);
    if (!col) {
      col = new Int32Array(CHUNK_ROWS).fill(-1);
      this.tags.set(name, col);
    }
    return col;
  }
}

export class ColumnarTable {
  readonly numFields: readonly string[];
  readonly strFields: readonly string[];
  readonly dicts = new Map<string, Dictionary>();
  /** One dictionary per tag name. */
  readonly tagDicts = new Map<string, Dictionary>();
  chunks: Chunk[] = [];
  private rows = 0;

  constructor(readonly type: EventType) {
    const fields: Record<string, 'string' | 'number'> = EVENT_FIELDS[type];
    this.numFields = Object.keys(fields).filter((f) => fields[f] === 'number');
    this.strFields = Object.keys(fields).filter((f) => fields[f] === 'string');
    for (const f of this.strFields) this.dicts.set(f, new Dictionary());
  }

  /** Live rows (after retention trimming). */
  get rowCount(): number {
    return this.rows;
  }

  tagDict(name: string): Dictionary {
    let d = this.tagDicts.get(name);
    if (!d) {
      d = new Dictionary();
      this.tagDicts.set(name, d);
    }
    return d;
  }

  append(e: AnalyticsEvent, seq: number, arrived: number): void {
    let chunk = this.chunks[this.chunks.length - 1];
    if (!chunk || chunk.length === CHUNK_ROWS) {
      chunk = new Chunk(this.numFields, this.strFields);
      this.chunks.push(chunk);
    }
    const i = chunk.length;
    const rec = e as unknown as Record<string, unknown>;
    chunk.ts[i] = e.ts;
    chunk.seq[i] = seq;
    chunk.arrived[i] = arrived;
    for (const f of this.numFields) {
      const v = rec[f];
      if (typeof v === 'number') (chunk.num.get(f) as Float64Array)[i] = v;
    }
    for (const f of this.strFields) {
      const v = rec[f];
      if (typeof v === 'string') (chunk.str.get(f) as Int32Array)[i] = (this.dicts.get(f) as Dictionary).encode(v);
    }
    if (e.tags) {
      for (const [k, v] of Object.entries(e.tags)) chunk.tagColumn(k)[i] = this.tagDict(k).encode(v);
    }
    chunk.length = i + 1;
    this.rows++;
  }

  /** Drops rows that arrived before `cutoff` (arrival order = row order, so they form a prefix). */
  trimArrivedBefore(cutoff: number): number {
    let dropped = 0;
    while (this.chunks.length > 0) {
      const c = this.chunks[0] as Chunk;
      let s = c.start;
      while (s < c.length && (c.arrived[s] as number) < cutoff) s++;
      dropped += s - c.start;
      c.start = s;
      if (s === CHUNK_ROWS) this.chunks.shift();
      else break;
    }
    this.rows -= dropped;
    return dropped;
  }
}
