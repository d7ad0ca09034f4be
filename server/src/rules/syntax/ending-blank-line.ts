// ending-blank-line: the file should end with exactly one line break: not none (some tools drop or
// garble an unterminated last line) and not blank lines.
import type { Finding } from '../../../../shared/src/findings';
import type { Rule } from '../../engine/types';
import { readPairs } from '../../parser/pairs';
import { finding } from '../support/findings';
import { lastContentLine } from './blank-lines';
import { lineBreak } from './lines';

function samePairs(a: string, b: string): boolean {
  return JSON.stringify(readPairs(a)) === JSON.stringify(readPairs(b));
}

export const endingBlankLine: Rule = {
  id: 'ending-blank-line',
  description: 'The file does not end with exactly one line break.',
  check(ctx) {
    const { text, lines } = ctx.parsed;
    const last = lines[lastContentLine(ctx)];
    if (!last) return [];
    const eol = last.eol || lineBreak(ctx);
    const span = { start: last.span.end, end: text.length };
    if (text.slice(span.start) === eol) return [];
    const missing = last.eol === '';
    const message = missing
      ? 'The file does not end with a line break. Add one: some tools drop or garble an unterminated last line.'
      : 'The file ends with blank lines. Remove them so that it ends with a single line break.';
    // Safe only if dotenv reads the same (`KEY:` at the very end gains a value once a line break follows
    // it). Only the last entry can change, so the text from its first line on is re-read.
    const lastEntry = ctx.parsed.entries[ctx.parsed.entries.length - 1];
    const from = lines[Math.min(lastEntry?.line ?? last.index, last.index)]?.span.start ?? 0;
    const safe = samePairs(text.slice(from), text.slice(from, span.start) + eol);
    const fix = { title: missing ? 'Add a final line break' : 'Remove the blank lines at the end', edits: [{ range: ctx.range(span), newText: eol }], safe, preferred: true };
    const range = missing ? ctx.range({ start: span.start, end: span.start }) : ctx.range({ start: lines[lastContentLine(ctx) + 1]?.span.start ?? span.start, end: text.length });
    return [finding('ending-blank-line', 'info', message, range, { fixes: [fix] })] satisfies Finding[];
  },
};
