// Group-by keys: every row maps to a small integer per dimension (string fields and tags: dictionary
// code + 1, 0 = absent; numeric fields: a per-query code per distinct value) and to a time bucket. The
// dimension codes combine into one number (mixed radix) so that grouping is an integer lookup instead of
// building a string per row; a dense table replaces the Map when the key space is small.
import { fieldKind } from '../../../shared/src/query';
import type { Chunk, ColumnarTable } from './columnar-table';

export interface Dimension {
  name: string;
  /** Codes are in [0, radix). */
  radix: number;
  /** Reads row `i` of a chunk: bound once per chunk. */
  reader(chunk: Chunk): (i: number) => number;
  decode(code: number): string | number | null;
}

function stringDim(name: string, dictSize: () => number, column: (c: Chunk) => Int32Array | undefined, decode: (code: number) => string | null): Dimension {
  return {
    name,
    radix: dictSize() + 1,
    reader(chunk) {
      const col = column(chunk);
      if (!col) return () => 0;
      return (i) => (col[i] as number) + 1;
    },
    decode: (code) => (code === 0 ? null : decode(code - 1)),
  };
}

function numberDim(name: string, table: ColumnarTable): Dimension {
  const codes = new Map<number, number>();
  const values: number[] = [Number.NaN];
  return {
    name,
    radix: table.rowCount + 1,
    reader(chunk) {
      const col = chunk.num.get(name);
      if (!col) return () => 0;
      return (i) => {
        const v = col[i] as number;
        if (v !== v) return 0; // NaN: absent
        let c = codes.get(v);
        if (c === undefined) {
          c = values.length;
          codes.set(v, c);
          values.push(v);
        }
        return c;
      };
    },
    decode: (code) => (code === 0 ? null : (values[code] ?? null)),
  };
}

export function dimensions(table: ColumnarTable, groupBy: readonly string[]): Dimension[] {
  return groupBy.map((g) => {
    if (g.startsWith('tags.')) {
      const tag = g.slice(5);
      const dict = table.tagDicts.get(tag);
      return stringDim(g, () => dict?.size ?? 0, (c) => c.denseTag(tag), (code) => dict?.decode(code) ?? null);
    }
    if (fieldKind(table.type, g) === 'string') {
      const dict = table.dicts.get(g);
      return stringDim(g, () => dict?.size ?? 0, (c) => c.str.get(g), (code) => dict?.decode(code) ?? null);
    }
    return numberDim(g, table);
  });
}

const DENSE_LIMIT = 1 << 18;

/** Assigns dense group ids (0, 1, 2, … in order of first appearance) to composite keys. */
export class GroupIndex {
  /** Per group: its code in each dimension, and its bucket index. */
  readonly dimCodes: number[][];
  readonly buckets: number[] = [];
  private readonly strides: number[];
  private readonly bucketStride: number;
  private readonly dense: Int32Array | null;
  private readonly map = new Map<number | string, number>();
  private readonly numeric: boolean;

  constructor(
    readonly dims: readonly Dimension[],
    nBuckets: number,
  ) {
    this.dimCodes = dims.map(() => []);
    this.strides = [];
    let space = nBuckets;
    for (let d = dims.length - 1; d >= 0; d--) {
      this.strides[d] = space;
      space *= (dims[d] as Dimension).radix;
    }
    this.bucketStride = 1;
    this.numeric = space <= Number.MAX_SAFE_INTEGER;
    this.dense = space <= DENSE_LIMIT ? new Int32Array(space).fill(-1) : null;
  }

  get size(): number {
    return this.buckets.length;
  }

  /** `codes` holds the row's code per dimension (reused buffer). */
  idOf(codes: readonly number[], bucket: number): number {
    if (this.numeric) {
      let key = bucket * this.bucketStride;
      for (let d = 0; d < codes.length; d++) key += (codes[d] as number) * (this.strides[d] as number);
      if (this.dense) {
        const g = this.dense[key] as number;
        if (g >= 0) return g;
        const id = this.add(codes, bucket);
        this.dense[key] = id;
        return id;
      }
      const g = this.map.get(key);
      if (g !== undefined) return g;
      const id = this.add(codes, bucket);
      this.map.set(key, id);
      return id;
    }
    const key = `${codes.join(',')}|${bucket}`;
    const g = this.map.get(key);
    if (g !== undefined) return g;
    const id = this.add(codes, bucket);
    this.map.set(key, id);
    return id;
  }

  private add(codes: readonly number[], bucket: number): number {
    for (let d = 0; d < codes.length; d++) (this.dimCodes[d] as number[]).push(codes[d] as number);
    this.buckets.push(bucket);
    return this.buckets.length - 1;
  }
}
