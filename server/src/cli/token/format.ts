// Text output of the token commands: aligned tables, times in UTC to the second.
import type { AuditEntry } from './responses';
import { visible } from './visible';

export function shortTime(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
}

/** "in 42 min", "3 h ago": how far `ms` is from `now`. */
export function relative(ms: number, now: number): string {
  const d = ms - now;
  const a = Math.abs(d);
  const s = a < 60_000 ? `${Math.round(a / 1000)} s` : a < 3_600_000 ? `${Math.round(a / 60_000)} min` : a < 172_800_000 ? `${Math.round(a / 3_600_000)} h` : `${Math.round(a / 86_400_000)} d`;
  return d >= 0 ? `in ${s}` : `${s} ago`;
}

/** Rows of label/value pairs, labels padded. */
export function fields(rows: Array<[string, string]>): string {
  const w = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `  ${k.padEnd(w)}  ${visible(v)}`).join('\n') + '\n';
}

/** Every cell goes through visible(): values come from tokens and requests, i.e. from anyone. */
export function table(header: string[], raw: string[][]): string {
  const rows = raw.map((r) => r.map(visible));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

function target(e: AuditEntry): string {
  const parts: string[] = [];
  if (e.jti !== undefined) parts.push(`jti=${e.jti}`);
  if (e.sub !== undefined) parts.push(`sub=${e.sub}`);
  if (e.tool !== undefined) parts.push(`tool=${e.tool}`);
  return parts.join(' ') || '-';
}

export function auditTable(entries: AuditEntry[]): string {
  if (entries.length === 0) return 'No audit entries match.\n';
  return table(
    ['TIME', 'ACTION', 'ACTOR', 'TARGET', 'CLIENT', 'REASON'],
    entries.map((e) => [
      shortTime(e.at),
      e.count !== undefined && e.count > 1 ? `${e.action} x${e.count}` : e.action,
      e.actor ?? '-',
      target(e),
      e.client ?? '-',
      e.reason ?? e.detail ?? '-',
    ]),
  );
}
