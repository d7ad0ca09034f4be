// Opaque pagination cursors. A cursor pins what the first page saw - the absolute time range and the
// newest event id - so later pages page through the same rows even while events keep arriving and a
// relative range ("1h") moves on. It carries a hash of the query so a cursor cannot be replayed against
// a different query, and an HMAC so that it cannot be forged (a cursor with `from: 0` would otherwise
// reach events older than the retention). The key is derived from M1_ADMIN_JWT_SECRET when set (every
// instance behind one balancer accepts every instance's cursors), else random per process.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
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

export interface CursorKey {
  readonly key: Buffer;
}

export function cursorKey(adminSecret: string | null): CursorKey {
  return { key: adminSecret ? createHmac('sha256', adminSecret).update('m1-ops query cursor v1').digest() : randomBytes(32) };
}

function mac(payload: string, k: CursorKey): Buffer {
  return createHmac('sha256', k.key).update(payload).digest().subarray(0, 16);
}

export function encodeCursor(state: CursorState, k: CursorKey): string {
  const payload = Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
  return `${payload}.${mac(payload, k).toString('base64url')}`;
}

export function decodeCursor(cursor: string, hash: string, k: CursorKey): CursorState {
  let raw: unknown = null;
  const [payload = '', sig = '', ...rest] = cursor.split('.');
  const given = Buffer.from(sig, 'base64url');
  const expected = mac(payload, k);
  if (rest.length === 0 && given.length === expected.length && timingSafeEqual(given, expected)) {
    try {
      raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      raw = null;
    }
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
