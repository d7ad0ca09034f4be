// Building findings and fixes. Every rule goes through `finding()` so that critical messages
// always start with "Critical:" and fixes are plain data the CLI and the language server share.
import type { Finding, Fix, Level, Range, TextEdit } from '../../../../shared/src/findings';
import type { RuleId } from '../../../../shared/src/rule-ids';
import type { RuleContext } from '../../engine/types';
import type { EnvEntry } from '../../parser/types';

export const CRITICAL_PREFIX = 'Critical: ';

/** The message with the "Critical: " prefix added or removed to match the level. */
export function withLevelPrefix(level: Level, message: string): string {
  const bare = message.startsWith(CRITICAL_PREFIX) ? message.slice(CRITICAL_PREFIX.length) : message;
  return level === 'critical' ? CRITICAL_PREFIX + bare : bare;
}

export interface FindingExtras {
  key?: string;
  fixes?: Fix[];
  unnecessary?: boolean;
}

export function finding(rule: RuleId, level: Level, message: string, range: Range, extras: FindingExtras = {}): Finding {
  const f: Finding = { rule, level, message: withLevelPrefix(level, message), range, fixes: extras.fixes ?? [] };
  if (extras.key !== undefined) f.key = extras.key;
  if (extras.unnecessary) f.unnecessary = true;
  return f;
}

/** Where a finding about a value points: the value, or the key when the value is empty. */
export function valueRange(ctx: RuleContext, e: EnvEntry): Range {
  return ctx.range(e.rawSpan.end > e.rawSpan.start ? e.rawSpan : e.keySpan);
}

export function keyRange(ctx: RuleContext, e: EnvEntry): Range {
  return ctx.range(e.keySpan);
}

/** For findings about something absent from the file: the first line. */
export function fileStartRange(ctx: RuleContext): Range {
  return ctx.range({ start: 0, end: ctx.parsed.lineIndex.lineEnd(0) });
}

/** Replaces the value, keeping the quotes it was written with. */
export function replaceValueEdit(ctx: RuleContext, e: EnvEntry, value: string): TextEdit {
  const q = e.quote ?? '';
  return { range: ctx.range(e.rawSpan), newText: `${q}${value}${q}` };
}

export function setValueFix(ctx: RuleContext, e: EnvEntry, value: string, title: string, safe: boolean, preferred = false): Fix {
  const fix: Fix = { title, edits: [replaceValueEdit(ctx, e, value)], safe };
  if (preferred) fix.preferred = true;
  return fix;
}

/** The file's line break, so appended lines match the rest of the file. */
function lineBreak(ctx: RuleContext): string {
  return ctx.parsed.lines.find((l) => l.eol !== '')?.eol ?? '\n';
}

/** Inserts `KEY=value` lines at the end of the file (after a line break when the last line has none). */
export function appendLinesEdit(ctx: RuleContext, lines: string[]): TextEdit {
  const text = ctx.parsed.text;
  const eol = lineBreak(ctx);
  const needsBreak = text.length > 0 && !/[\r\n]$/.test(text);
  const end = ctx.parsed.lineIndex.positionAt(text.length);
  return { range: { start: end, end }, newText: (needsBreak ? eol : '') + lines.map((l) => l + eol).join('') };
}

/** The value as written, without its quotes, and the offset where that text starts. */
export function rawContent(e: EnvEntry): { text: string; start: number } {
  const q = e.quote ? 1 : 0;
  return { text: e.raw.slice(q, e.raw.length - q), start: e.rawSpan.start + q };
}

/** Replaces `length` characters at `offset` inside the value as written (quotes excluded). */
export function rawEdit(ctx: RuleContext, e: EnvEntry, offset: number, length: number, newText: string): TextEdit {
  const start = rawContent(e).start + offset;
  return { range: ctx.range({ start, end: start + length }), newText };
}
