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

const localMemo = new WeakMap<readonly EnvEntry[], boolean>();

/**
 * True when no value's quote search reaches past its own closing quote: every value that starts with a
 * quote is closed by a plain (unescaped) quote with nothing after it. Otherwise dotenv is looking for a
 * closing quote further down the file (`A="abc` is read as `"abc` only because none follows), and an
 * edit anywhere below could supply one; checks of a few lines then prove nothing.
 */
export function quotesAreLocal(ctx: RuleContext): boolean {
  const entries = ctx.parsed.entries;
  let local = localMemo.get(entries);
  if (local === undefined) {
    local = entries.every((e) => {
      const q = e.raw[0];
      if (q !== '"' && q !== "'" && q !== '`') return true;
      return e.quote !== null && e.raw[e.raw.length - 2] !== '\\' && e.raw.indexOf(q, 1) === e.raw.length - 1;
    });
    localMemo.set(entries, local);
  }
  return local;
}

/**
 * After the edits, the entry's lines alone define exactly `key` = `value` (by default: unchanged), and
 * the rest of the file cannot read differently (see quotesAreLocal).
 */
export function keepsEntry(ctx: RuleContext, e: EnvEntry, edits: readonly OffsetEdit[], key = e.key, value = e.value): boolean {
  if (!quotesAreLocal(ctx)) return false;
  const snippet = editedLines(ctx, e.line, e.endLine, edits);
  if (snippet === undefined) return false;
  const pairs = readPairs(snippet);
  const only = pairs[0];
  return pairs.length === 1 && only !== undefined && only[0] === key && only[1] === value;
}

/**
 * A quoting of `s` that dotenv reads back as exactly `s` (single quotes first: they expand nothing).
 * None when `s` ends with a backslash: the closing quote would count as escaped, and dotenv would look
 * for a later quote in the file, which a check of the entry's own lines cannot see.
 */
export function quoteFor(s: string): string | undefined {
  if (s.endsWith('\\')) return undefined;
  if (!s.includes("'")) return `'${s}'`;
  if (!s.includes('"') && !/\\[nr]/.test(s)) return `"${s}"`;
  if (!s.includes('`')) return `\`${s}\``;
  return undefined;
}
