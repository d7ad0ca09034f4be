// Whether an edit keeps what dotenv reads. A fix is marked safe only when re-parsing the entry's lines
// with the edit applied still yields exactly that entry's key and value: a check, not a hope.
import type { RuleContext } from '../../engine/types';
import { readPairs } from '../../parser/pairs';
import type { EnvEntry, Span } from '../../parser/types';

export interface OffsetEdit {
  span: Span;
  newText: string;
}

/** The text of lines first..last with the edits (document offsets, inside those lines) applied. */
function editedLines(ctx: RuleContext, first: number, last: number, edits: readonly OffsetEdit[]): string | undefined {
  const { lines, text } = ctx.parsed;
  const start = lines[first]?.span.start;
  const end = lines[last]?.span.end;
  if (start === undefined || end === undefined) return undefined;
  const sorted = [...edits].sort((a, b) => b.span.start - a.span.start);
  let out = text.slice(start, end);
  for (const e of sorted) {
    if (e.span.start < start || e.span.end > end) return undefined;
    out = out.slice(0, e.span.start - start) + e.newText + out.slice(e.span.end - start);
  }
  return out;
}

/** After the edits, the entry's lines alone define exactly `key` = `value` (by default: unchanged). */
export function keepsEntry(ctx: RuleContext, e: EnvEntry, edits: readonly OffsetEdit[], key = e.key, value = e.value): boolean {
  const snippet = editedLines(ctx, e.line, e.endLine, edits);
  if (snippet === undefined) return false;
  const pairs = readPairs(snippet);
  const only = pairs[0];
  return pairs.length === 1 && only !== undefined && only[0] === key && only[1] === value;
}

/** A quoting of `s` that dotenv reads back as exactly `s` (single quotes first: they expand nothing). */
export function quoteFor(s: string): string | undefined {
  if (!s.includes("'")) return `'${s}'`;
  if (!s.includes('"') && !/\\[nr]/.test(s)) return `"${s}"`;
  if (!s.includes('`')) return `\`${s}\``;
  return undefined;
}
