// The [from, to) window of a query, resolved as the in-memory engine does (dsl-execute.ts), so that the
// history reads exactly the rows the engine would consider. A cursor's window is read from its payload
// here only to choose what to read; the engine or the page builder checks the cursor itself.
import { instantMs, parseDuration, type Query } from '../../../shared/src/query';

export interface QueryWindow {
  from: number;
  to: number;
  /** The newest id the first page saw (cursor); null: no bound. */
  maxSeq: number | null;
}

function peekCursor(cursor: string): { from: number; to: number; maxSeq: number } | null {
  try {
    const payload = cursor.split('.')[0] ?? '';
    const raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    if (typeof raw !== 'object' || raw === null) return null;
    const { from, to, maxSeq } = raw as Record<string, unknown>;
    if (typeof from !== 'number' || typeof to !== 'number' || typeof maxSeq !== 'number') return null;
    return { from, to, maxSeq };
  } catch {
    return null;
  }
}

export function queryWindow(q: Query, now: number, retentionMs: number): QueryWindow {
  const floor = now - retentionMs;
  if (q.cursor) {
    const c = peekCursor(q.cursor);
    // An unreadable cursor: read nothing, the engine answers 400 for it.
    if (!c) return { from: 0, to: 0, maxSeq: 0 };
    return { from: Math.max(c.from, floor), to: c.to, maxSeq: c.maxSeq };
  }
  if (typeof q.range === 'string') {
    const to = now + 1;
    return { from: Math.max(to - 1 - (parseDuration(q.range) ?? 0), floor), to, maxSeq: null };
  }
  const to = q.range.to === undefined ? now + 1 : instantMs(q.range.to);
  return { from: Math.max(instantMs(q.range.from), floor), to, maxSeq: null };
}
