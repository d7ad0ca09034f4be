// Reads the audit stream newest first with filters, in bounded steps: XREVRANGE pages of up to
// PAGE entries until `limit` entries matched, the range is exhausted, or SCAN_BUDGET entries were
// looked at (then `next` lets the caller continue, so a needle-in-a-haystack filter can never make
// one request scan 30 days of audit).
import type { RedisClient } from '../redis/connect';
import { z } from 'zod';
import { parseAuditFields } from './audit-stream-codec';
import type { AuditEntry, AuditInput, AuditPage, AuditQuery } from './types';

const PAGE = 500;
const SCAN_BUDGET = 20_000;

const StreamReply = z.array(z.tuple([z.string(), z.array(z.string())]));

export async function readAuditStream(
  redis: RedisClient,
  key: string,
  q: AuditQuery,
  select: (id: string, input: AuditInput) => AuditEntry | null,
): Promise<AuditPage> {
  const entries: AuditEntry[] = [];
  let end = q.after !== undefined ? `(${q.after}` : q.until !== undefined ? String(q.until) : '+';
  const start = q.since !== undefined ? String(q.since) : '-';
  let scanned = 0;
  for (;;) {
    const raw: unknown = await redis.xrevrange(key, end, start, 'COUNT', PAGE);
    const page = StreamReply.parse(raw);
    for (const [id, fields] of page) {
      scanned++;
      const input = parseAuditFields(fields);
      const e = input === null ? null : select(id, input);
      if (e !== null) {
        entries.push(e);
        if (entries.length >= q.limit) return { entries, next: id };
      }
      end = `(${id}`;
    }
    if (page.length < PAGE) return { entries, next: null };
    if (scanned >= SCAN_BUDGET) return { entries, next: end.slice(1) };
  }
}
