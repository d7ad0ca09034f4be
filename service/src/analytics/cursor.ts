// Opaque pagination cursors. A cursor pins what the first page saw - the absolute time range and the
// newest event id - so later pages page through the same rows even while events keep arriving and a
// relative range ("1h") moves on. It carries a hash of the query so a cursor cannot be replayed against
// a different query.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Query } from '../../../shared/src/query';
import { HttpError } from '../http/errors';

const CursorSchema = z.object({
  v: z.literal(1),
  offset: z.number().int().nonnegative(),
  from: z.number(),
  to: z.number(),
  maxSeq: z.number().int().nonnegative(),
  hash: z.string(),
});
export type CursorState = z.infer<typeof CursorSchema>;

/** Everything that decides the rows, in a fixed key order (limit and cursor excluded: a client may
 * change the page size between pages). */
export function queryHash(q: Query): string {
  const canonical = JSON.stringify([q.type, q.range, q.filters, q.groupBy, q.interval ?? null, q.aggregations, q.analysis, q.orderBy ?? null]);
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 16);
}

export function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, hash: string): CursorState {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    raw = null;
  }
  const r = CursorSchema.safeParse(raw);
  if (!r.success) throw new HttpError(400, 'invalid_cursor', 'the cursor is not one this service issued', [{ path: 'cursor', message: 'not a valid cursor' }]);
  if (r.data.hash !== hash) {
    throw new HttpError(400, 'invalid_cursor', 'the cursor belongs to a different query; send the same query with it', [
      { path: 'cursor', message: 'issued for a different query' },
    ]);
  }
  return r.data;
}
