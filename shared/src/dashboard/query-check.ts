// The DSL body is checked with the service's own schema (shared/src/query.ts) before it leaves the
// page and again in the extension host (the page's messages are untrusted input): a mistake gets an
// answer naming the field at once, without a round trip. The service validates it anyway.
import type { z } from 'zod';
import { QuerySchema } from '../query';

export type QueryCheck = { ok: true } | { ok: false; issues: string[] };

function pathOf(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out || '(query)';
}

export function checkQuery(query: unknown): QueryCheck {
  const r = QuerySchema.safeParse(query);
  if (r.success) return { ok: true };
  return { ok: false, issues: r.error.issues.slice(0, 20).map((i: z.core.$ZodIssue) => `${pathOf(i.path)}: ${i.message}`) };
}

export const INVALID_QUERY_MESSAGE = 'The query is not valid';
