// The DSL's filters compiled to SQL over the events table, values as parameters only ($n): columns come
// from the column list (columns.ts), tag names are parameters too (tags->>$n). The semantics are the
// in-memory engine's (filters.ts): a row without the field matches no op except `ne`.
import { fieldKind, type Filter } from '../../../shared/src/query';
import type { EventType } from '../../../shared/src/events';
import { col } from './columns';

export class SqlParams {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

function toNumber(v: string | number, isTs: boolean): number {
  return typeof v === 'number' ? v : isTs ? Date.parse(v) : Number.NaN;
}

/** The SQL expression of a field of `type`: a column, ts, or a tag. */
export function fieldSql(field: string, p: SqlParams): string {
  if (field.startsWith('tags.')) return `(tags->>${p.add(field.slice(5))})`;
  return col(field);
}

/** A filter on a text expression (a column, a tag, or a rollup's dimension column d0..d2). */
export function stringFilterSql(expr: string, f: Filter, p: SqlParams): string {
  const values = (Array.isArray(f.value) ? f.value : [f.value]).map(String);
  const first = values[0] as string;
  switch (f.op) {
    case 'eq':
      return `${expr} = ${p.add(first)}`;
    case 'ne':
      return `${expr} IS DISTINCT FROM ${p.add(first)}`;
    case 'in':
      return `${expr} = ANY(${p.add(values)}::text[])`;
    case 'contains':
      return `strpos(${expr}, ${p.add(first)}) > 0`;
    default:
      return 'false';
  }
}

export function filterSql(type: EventType, f: Filter, p: SqlParams): string {
  const kind = fieldKind(type, f.field);
  const expr = fieldSql(f.field, p);
  const list = Array.isArray(f.value) ? f.value : [f.value];
  if (kind === 'string') return stringFilterSql(expr, f, p);
  const nums = list.map((v) => toNumber(v, f.field === 'ts'));
  const x = nums[0] as number;
  // NaN (an unparsable value) compares false in the engine; PostgreSQL would order it above all numbers.
  if (nums.some((n) => Number.isNaN(n))) return f.op === 'ne' ? 'true' : 'false';
  switch (f.op) {
    case 'eq':
      return `${expr} = ${p.add(x)}::float8`;
    case 'ne':
      return `${expr} IS DISTINCT FROM ${p.add(x)}::float8`;
    case 'gt':
      return `${expr} > ${p.add(x)}::float8`;
    case 'gte':
      return `${expr} >= ${p.add(x)}::float8`;
    case 'lt':
      return `${expr} < ${p.add(x)}::float8`;
    case 'lte':
      return `${expr} <= ${p.add(x)}::float8`;
    case 'in':
      return `${expr} = ANY(${p.add(nums)}::float8[])`;
    default:
      return 'false';
  }
}
