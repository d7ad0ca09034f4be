// The events table's columns: the union of every type's fields (a field has one kind across types, so
// `status` of tools and of health share a column), plus ts, seq, type and tags. Column names come only
// from this list (EVENT_FIELDS), never from a request: a query names fields, and a field is mapped to a
// column here or refused.
import { EVENT_FIELDS, EVENT_TYPES, type EventType } from '../../../shared/src/events';

function union(kind: 'string' | 'number'): string[] {
  const out = new Set<string>();
  for (const t of EVENT_TYPES) {
    const fields: Record<string, string> = EVENT_FIELDS[t];
    for (const [f, k] of Object.entries(fields)) if (k === kind) out.add(f);
  }
  return [...out].sort();
}

export const STRING_COLUMNS: readonly string[] = union('string');
export const NUMBER_COLUMNS: readonly string[] = union('number');
/** In COPY order. */
export const EVENT_COLUMNS: readonly string[] = ['ts', 'seq', 'type', ...STRING_COLUMNS, ...NUMBER_COLUMNS, 'tags'];

/** A quoted identifier for a known column (fields are camelCase). Throws for anything else. */
export function col(field: string): string {
  if (!EVENT_COLUMNS.includes(field)) throw new Error(`not a column: ${field}`);
  return `"${field}"`;
}

/** The string fields that per-minute rollups group by, per type: the low-cardinality ones (not free text
 * like errors.message or cache.key). A query is answered from rollups only when it filters and groups
 * on these (and on nothing else). */
export const ROLLUP_DIMS: Record<EventType, readonly string[]> = {
  cache: ['op'],
  policy: ['policy', 'decision', 'tool'],
  tools: ['tool', 'status'],
  costs: ['tool', 'model'],
  errors: ['code', 'severity', 'source'],
  health: ['component', 'status'],
};

export function numericFields(type: EventType): string[] {
  const fields: Record<string, string> = EVENT_FIELDS[type];
  return Object.keys(fields).filter((f) => fields[f] === 'number');
}
