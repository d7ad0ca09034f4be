// Filters of the DSL compiled once per chunk into row predicates over typed arrays. String fields compare
// dictionary codes (a value never seen means no row can equal it); `in` and `contains` precompute a mask
// over the dictionary, so each distinct string is tested once per query, not once per row.
// A row without the field matches no op except `ne` (it is not equal to anything).
import type { Filter } from '../../../shared/src/query';
import { fieldKind } from '../../../shared/src/query';
import type { Chunk, ColumnarTable } from './columnar-table';
import type { Dictionary } from './dictionary';

export type RowPredicate = (i: number) => boolean;
export type ChunkFilter = (chunk: Chunk) => RowPredicate;

const never: RowPredicate = () => false;
const always: RowPredicate = () => true;

function toNumber(v: string | number, isTs: boolean): number {
  return typeof v === 'number' ? v : isTs ? Date.parse(v) : Number.NaN;
}

function stringFilter(f: Filter, dictOf: () => Dictionary | undefined, columnOf: (c: Chunk) => Int32Array | undefined): ChunkFilter {
  const values = (Array.isArray(f.value) ? f.value : [f.value]).map(String);
  const first = values[0] as string;
  return (chunk) => {
    const col = columnOf(chunk);
    const dict = dictOf();
    if (!col || !dict) return f.op === 'ne' ? always : never;
    switch (f.op) {
      case 'eq': {
        const code = dict.lookup(first);
        return code < 0 ? never : (i) => col[i] === code;
      }
      case 'ne': {
        const code = dict.lookup(first);
        return code < 0 ? always : (i) => col[i] !== code;
      }
      case 'in':
      case 'contains': {
        const wanted = new Set(values);
        const mask = f.op === 'in' ? dict.mask((v) => wanted.has(v)) : dict.mask((v) => v.includes(first));
        return (i) => {
          const c = col[i] as number;
          return c >= 0 && mask[c] === 1;
        };
      }
      default:
        return never; // comparisons on strings are refused by the schema
    }
  };
}

function numberFilter(f: Filter, columnOf: (c: Chunk) => Float64Array | undefined): ChunkFilter {
  const isTs = f.field === 'ts';
  const values = (Array.isArray(f.value) ? f.value : [f.value]).map((v) => toNumber(v, isTs));
  const x = values[0] as number;
  return (chunk) => {
    const col = columnOf(chunk);
    if (!col) return f.op === 'ne' ? always : never;
    switch (f.op) {
      case 'eq':
        return (i) => col[i] === x;
      case 'ne':
        return (i) => col[i] !== x;
      case 'gt':
        return (i) => (col[i] as number) > x;
      case 'gte':
        return (i) => (col[i] as number) >= x;
      case 'lt':
        return (i) => (col[i] as number) < x;
      case 'lte':
        return (i) => (col[i] as number) <= x;
      case 'in': {
        const set = new Set(values);
        return (i) => set.has(col[i] as number);
      }
      default:
        return never;
    }
  };
}

export function compileFilter(table: ColumnarTable, f: Filter): ChunkFilter {
  const kind = fieldKind(table.type, f.field);
  if (f.field.startsWith('tags.')) {
    const tag = f.field.slice(5);
    return stringFilter(f, () => table.tagDicts.get(tag), (c) => c.denseTag(tag));
  }
  if (kind === 'string') return stringFilter(f, () => table.dicts.get(f.field), (c) => c.str.get(f.field));
  if (f.field === 'ts') return numberFilter(f, (c) => c.ts);
  return numberFilter(f, (c) => c.num.get(f.field));
}

/** All filters of a query, ANDed, for one chunk. */
export function chunkPredicate(filters: readonly ChunkFilter[], chunk: Chunk): RowPredicate | null {
  if (filters.length === 0) return null;
  const preds = filters.map((f) => f(chunk));
  if (preds.length === 1) return preds[0] as RowPredicate;
  return (i) => {
    for (const p of preds) if (!p(i)) return false;
    return true;
  };
}
