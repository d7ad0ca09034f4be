// Columnar in-memory storage of one event type: fixed-size chunks of typed arrays (Float64 per numeric
// field, Int32 dictionary codes per string field), sparse (row, code) pairs per tag, plus `ts`, `seq` and
// the arrival time. Tags are sparse because most rows carry few of them: a tag costs 8 bytes per row
// that has it and nothing for the rows that do not (a dense column cost 32 KiB per tag per chunk, which
// let a small batch of events with many distinct tag names take gigabytes). Tag names and values per
// type are capped (maxTagNames, maxTagValues): past the caps, tags are not stored (counted as dropped).
// Chunks make retention cheap: rows arrive in arrival order, so trimming drops whole chunks from the head
// and moves a start offset inside the first one, without copying.
import { EVENT_FIELDS, type AnalyticsEvent, type EventType } from '../../../shared/src/events';
import { Dictionary } from './dictionary';

export const CHUNK_ROWS = 8192;

/** One tag's values in one chunk: (row, code) pairs in row order, grown by doubling. */
export class SparseTagColumn {
  rows = new Int32Array(4);
  codes = new Int32Array(4);
  n = 0;

  push(row: number, code: number): void {
    if (this.n === this.rows.length) {
      const size = Math.min(CHUNK_ROWS, this.n * 2);
      const rows = new Int32Array(size);
      const codes = new Int32Array(size);
      rows.set(this.rows);
      codes.set(this.codes);
      this.rows = rows;
      this.codes = codes;
    }
    this.rows[this.n] = row;
    this.codes[this.n] = code;
    this.n++;
  }

  /** A dense copy for one query's scan of this chunk (-1 = absent); garbage once the scan moves on. */
  dense(): Int32Array {
    const out = new Int32Array(CHUNK_ROWS).fill(-1);
    for (let k = 0; k < this.n; k++) out[this.rows[k] as number] = this.codes[k] as number;
    return out;
  }
}

export class Chunk {
  length = 0;
  /** Rows before `start` are trimmed (retention). */
  start = 0;
  readonly ts = new Float64Array(CHUNK_ROWS);
  readonly seq = new Float64Array(CHUNK_ROWS);
  readonly arrived = new Float64Array(CHUNK_ROWS);
  readonly num = new Map<string, Float64Array>();
  readonly str = new Map<string, Int32Array>();
  /** Created when a chunk first sees the tag. */
  readonly tags = new Map<string, SparseTagColumn>();

  constructor(numFields: readonly string[], strFields: readonly string[]) {
    for (const f of numFields) this.num.set(f, new Float64Array(CHUNK_ROWS).fill(NaN));
    for (const f of strFields) this.str.set(f, new Int32Array(CHUNK_ROWS).fill(-1));
  }

  tagColumn(name: string): SparseTagColumn {
    let col = this.tags.get(name);
    if (!col) {
      col = new SparseTagColumn();
      this.tags.set(name, col);
    }
    return col;
  }

  /** The tag as a dense column for a scan, or undefined when no row of this chunk has it. */
  denseTag(name: string): Int32Array | undefined {
    return this.tags.get(name)?.dense();
  }
}

export interface TagCaps {
  /** Distinct tag names per event type (M1_ANALYTICS_MAX_TAG_NAMES). */
  maxTagNames: number;
  /** Distinct values per tag name (M1_ANALYTICS_MAX_TAG_VALUES). */
  maxTagValues: number;
}

export class ColumnarTable {
  readonly numFields: readonly string[];
  readonly strFields: readonly string[];
  readonly dicts = new Map<string, Dictionary>();
  /** One dictionary per tag name. */
  readonly tagDicts = new Map<string, Dictionary>();
  chunks: Chunk[] = [];
  private rows = 0;
  /** Tags not stored because a cap was reached (events from other instances, or a stream replay). */
  droppedTags = 0;
  /** Rows with `ts` below this were evicted for the memory budget (not the retention): the table no
   * longer answers completely before it. -Infinity: nothing evicted. */
  evictedBefore = -Infinity;
  /** Rows evicted for the memory budget since start. */
  evictedRows = 0;

  constructor(
    readonly type: EventType,
    readonly caps: TagCaps = { maxTagNames: 64, maxTagValues: 10_000 },
  ) {
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
      for (const [k, v] of Object.entries(e.tags)) {
        if (!this.tagFits(k, v)) {
          this.droppedTags++;
          continue;
        }
        chunk.tagColumn(k).push(i, this.tagDict(k).encode(v));
      }
    }
    chunk.length = i + 1;
    this.rows++;
  }

  /** Whether storing this tag keeps the table within its caps. */
  tagFits(name: string, value: string): boolean {
    const d = this.tagDicts.get(name);
    if (d === undefined) return this.tagDicts.size < this.caps.maxTagNames;
    return d.lookup(value) >= 0 || d.size < this.caps.maxTagValues;
  }

  /** Evicts the oldest chunk for the memory budget (never the one being appended to); false when none
   * can go. `tsEnd` is the newest ts among its rows + 1: the window is incomplete before it. */
  evictHead(tsEnd: number): boolean {
    if (this.chunks.length < 2) return false;
    const c = this.chunks.shift() as Chunk;
    const n = c.length - c.start;
    this.rows -= n;
    this.evictedRows += n;
    if (tsEnd > this.evictedBefore) this.evictedBefore = tsEnd;
    return true;
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
