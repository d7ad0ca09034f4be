// Audit query semantics shared by both stores: which entries match, and how ids order.
import type { AuditEntry, AuditInput, AuditQuery } from './types';

export function auditMatches(e: AuditInput, q: AuditQuery): boolean {
  return (
    (q.actor === undefined || e.actor === q.actor) &&
    (q.tool === undefined || e.tool === q.tool) &&
    (q.sub === undefined || e.sub === q.sub)
  );
}

/** The epoch ms of a `<ms>-<seq>` id. */
export function idMs(id: string): number {
  const dash = id.indexOf('-');
  return Number(dash < 0 ? id : id.slice(0, dash));
}

/** Compares two `<ms>-<seq>` ids numerically (negative when a is older). */
export function compareIds(a: string, b: string): number {
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am !== bm ? am - bm : as - bs;
}

export const AUDIT_ID = /^\d{1,16}-\d{1,16}$/;

export function toEntry(id: string, input: AuditInput): AuditEntry {
  return { id, at: new Date(idMs(id)).toISOString(), ...input };
}
