// The audit endpoint's opaque pagination cursor: the id of the last entry returned, wrapped so
// clients do not build their own (and so the format can change). Parsed, never trusted.
import { z } from 'zod';
import { AUDIT_ID } from './audit-filter';

const Cursor = z.object({ v: z.literal(1), after: z.string().regex(AUDIT_ID) });

export function encodeCursor(after: string): string {
  return Buffer.from(JSON.stringify({ v: 1, after })).toString('base64url');
}

/** The id to continue after, or null when the cursor is not one of ours. */
export function decodeCursor(cursor: string): string | null {
  try {
    const r = Cursor.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return r.success ? r.data.after : null;
  } catch {
    return null;
  }
}
