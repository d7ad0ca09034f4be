// unterminated-quote: a value that opens a quote dotenv does not see closed. dotenv then reads the quote
// character literally (`A="abc` is `"abc`). Also: a quote that closes only lines later, swallowing lines
// that look like entries into the value.
import type { Finding } from '../../../../shared/src/findings';
import type { Rule, RuleContext } from '../../engine/types';
import type { EnvEntry } from '../../parser/types';
import { finding } from '../support/findings';

const ENTRY_LIKE = /^\s*(?:export\s+)?[A-Z_][A-Z0-9_]*\s*=/;

function literalQuote(ctx: RuleContext, e: EnvEntry): Finding | undefined {
  const q = e.raw[0];
  if (e.quote !== null || (q !== '"' && q !== "'" && q !== '`')) return undefined;
  const closedEarly = e.raw.indexOf(q, 1) > 0;
  if (closedEarly) {
    const message = `The value of ${e.key} has text after its closing quote, so dotenv keeps the quotes as part of the value. Put all of the value inside the quotes.`;
    return finding('unterminated-quote', 'warning', message, ctx.range(e.rawSpan), { key: e.key });
  }
  const message = `The value of ${e.key} opens a ${q} quote that is never closed, so dotenv reads the ${q} as part of the value. Close the quote.`;
  const end = { start: e.rawSpan.end, end: e.rawSpan.end };
  // Not safe: the value changes (the quote stops being part of it), and the intended end is a guess.
  const fix = { title: 'Close the quote', edits: [{ range: ctx.range(end), newText: q }], safe: false, preferred: true };
  return finding('unterminated-quote', 'warning', message, ctx.range(e.rawSpan), { key: e.key, fixes: [fix] });
}

function swallowing(ctx: RuleContext, e: EnvEntry): Finding | undefined {
  if (e.quote === null || e.endLine === e.line) return undefined;
  const { lines, text } = ctx.parsed;
  const startLine = ctx.range(e.rawSpan).start.line;
  const swallowed = lines.slice(startLine + 1, e.endLine + 1).filter((l) => ENTRY_LIKE.test(text.slice(l.span.start, l.span.end)));
  if (swallowed.length === 0) return undefined;
  const first = (swallowed[0]?.index ?? 0) + 1;
  const message = `The ${e.quote} quote opened for ${e.key} on line ${startLine + 1} closes only on line ${e.endLine + 1}, so lines that look like variables (line ${first}${swallowed.length > 1 ? ' and others' : ''}) are part of the value of ${e.key}. Close the quote on line ${startLine + 1} if that was the intent.`;
  const open = { start: e.rawSpan.start, end: e.rawSpan.start + 1 };
  return finding('unterminated-quote', 'warning', message, ctx.range(open), { key: e.key });
}

export const unterminatedQuote: Rule = {
  id: 'unterminated-quote',
  description: 'A quote dotenv does not see closed: the quote becomes part of the value, or swallows later lines.',
  check(ctx) {
    const out: Finding[] = [];
    for (const e of ctx.parsed.entries) {
      const f = literalQuote(ctx, e) ?? swallowing(ctx, e);
      if (f) out.push(f);
    }
    return out;
  },
};
