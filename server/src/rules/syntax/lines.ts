// Line-level helpers shared by the syntax rules: whole-line removal, moving blocks, the file's line break.
import type { TextEdit } from '../../../../shared/src/findings';
import type { RuleContext } from '../../engine/types';
import type { EnvEntry, Span } from '../../parser/types';

/** The file's own line break (the first one used), so inserted lines match the rest of the file. */
export function lineBreak(ctx: RuleContext): string {
  return ctx.parsed.lines.find((l) => l.eol !== '')?.eol ?? '\n';
}

/** From the entry's first character (`export` or key) to the end of its value or inline comment. */
export function entrySpan(e: EnvEntry): Span {
  const start = e.exportSpan ? e.exportSpan.start : e.keySpan.start;
  const end = Math.max(e.separatorSpan.end, e.rawSpan.end, e.commentSpan?.end ?? 0);
  return { start, end };
}

/**
 * The text to delete to remove lines first..last entirely: with the line break after `last`, or, on the
 * file's last line, with the break before `first`, so that no empty line is left behind.
 */
export function removeLinesSpan(ctx: RuleContext, first: number, last: number): Span {
  const { lines } = ctx.parsed;
  const a = lines[first];
  const b = lines[last];
  if (!a || !b) return { start: 0, end: 0 };
  if (b.eol !== '') return { start: a.span.start, end: b.span.end + b.eol.length };
  const before = lines[first - 1];
  return { start: before ? before.span.end : a.span.start, end: b.span.end };
}

export function removeLinesEdit(ctx: RuleContext, first: number, last: number): TextEdit {
  return { range: ctx.range(removeLinesSpan(ctx, first, last)), newText: '' };
}

const positions = new WeakMap<readonly EnvEntry[], Map<EnvEntry, number>>();

/** Index of the entry in ctx.parsed.entries (memoised per document). */
function indexOf(ctx: RuleContext, e: EnvEntry): number {
  const entries = ctx.parsed.entries;
  let map = positions.get(entries);
  if (!map) {
    map = new Map(entries.map((x, i) => [x, i]));
    positions.set(entries, map);
  }
  return map.get(e) ?? -1;
}

/** True when lines first..last hold no entry other than `e` (U+2028 can put two entries on one line). */
export function linesHoldOnly(ctx: RuleContext, e: EnvEntry): boolean {
  const i = indexOf(ctx, e);
  if (i < 0) return false;
  // Entries are in text order, so only the neighbours can share a line with it.
  const before = ctx.parsed.entries[i - 1];
  const after = ctx.parsed.entries[i + 1];
  return (!before || before.endLine < e.line) && (!after || after.line > e.endLine);
}

/** Lines first..last as text ending in a line break (the file's own when the last line has none). */
export function linesText(ctx: RuleContext, first: number, last: number): string {
  const { lines, text } = ctx.parsed;
  const a = lines[first];
  const b = lines[last];
  if (!a || !b) return '';
  return text.slice(a.span.start, b.span.end) + (b.eol || lineBreak(ctx));
}
