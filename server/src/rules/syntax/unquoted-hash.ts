// unquoted-hash: `#` glued to an unquoted value. dotenv ends the value at the first `#`, so
// `PASSWORD=abc#123` reads "abc". A `#` after a blank is taken to start a comment, as intended.
import type { Finding, Fix } from '../../../../shared/src/findings';
import type { Rule } from '../../engine/types';
import { gluedHashIsComment } from '../../parser/dialect';
import { finding } from '../support/findings';
import { keepsEntry, quoteFor } from './meaning';

const QUOTE_START = /^['"`]/;

export const unquotedHash: Rule = {
  id: 'unquoted-hash',
  description: 'An unquoted value with `#` in it: dotenv cuts the value at the `#`.',
  check(ctx) {
    const out: Finding[] = [];
    const { text } = ctx.parsed;
    for (const e of ctx.parsed.entries) {
      const c = e.commentSpan;
      if (!c || e.overridden || e.quote !== null || QUOTE_START.test(e.raw)) continue;
      const empty = e.raw === '';
      const start = empty ? e.separatorSpan.end : e.rawSpan.start;
      // Glued: nothing between the value (or the `=`) and the `#`.
      if (c.start !== (empty ? e.separatorSpan.end : e.rawSpan.end)) continue;
      // Compose and PHP readers keep a glued `#` in the value (`abc#123` is "abc#123" there): only a
      // value that starts with `#` is cut by every reader.
      if (!empty && !gluedHashIsComment(ctx.dialect)) continue;
      // The value meant: up to a later `#` that follows a blank (a real comment), else the whole line.
      const line = text.slice(start, c.end);
      const later = /\s#/.exec(line.slice(c.start - start + 1));
      const whole = (later ? line.slice(0, c.start - start + 1 + later.index) : line).trimEnd();
      const quoted = quoteFor(whole);
      const fixes: Fix[] = [];
      if (quoted !== undefined) {
        const span = { start, end: start + whole.length };
        // Never safe: it changes what dotenv reads (abc → abc#123), and a safe fix never changes a value
        // (docs/rules.md#fix-safety). Offered only when the quoted text reads back exactly as the line.
        if (keepsEntry(ctx, e, [{ span, newText: quoted }], e.key, whole)) {
          fixes.push({ title: 'Quote the whole value, `#` included', edits: [{ range: ctx.range(span), newText: quoted }], safe: false, preferred: true });
        }
      }
      const what = empty ? 'is empty: dotenv reads everything from the `#` on as a comment' : 'stops at `#`: dotenv reads the rest of the line as a comment';
      const message = `The value of ${e.key} ${what}. Quote the whole value if the \`#\` belongs to it, or put a blank before the \`#\` if it starts a comment.`;
      out.push(finding('unquoted-hash', 'warning', message, ctx.range(c), { key: e.key, fixes }));
    }
    return out;
  },
};
