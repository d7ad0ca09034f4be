// unquoted-hash: `#` glued to an unquoted value. dotenv ends the value at the first `#`, so
// `PASSWORD=abc#123` reads "abc". A `#` after a blank is taken to start a comment, as intended.
import type { Finding, Fix } from '../../../../shared/src/findings';
import type { Rule } from '../../engine/types';
import { finding } from '../support/findings';
import { keepsEntry, quoteFor } from './meaning';
import { mayHoldSecret } from './secrecy';

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
      // The value meant: up to a later `#` that follows a blank (a real comment), else the whole line.
      const line = text.slice(start, c.end);
      const later = /\s#/.exec(line.slice(c.start - start + 1));
      const whole = (later ? line.slice(0, c.start - start + 1 + later.index) : line).trimEnd();
      const quoted = quoteFor(whole);
      const fixes: Fix[] = [];
      if (quoted !== undefined) {
        const span = { start, end: start + whole.length };
        // Safe when the `#` sits inside a word (abc#123): the whole word is evidently the value. A value
        // that starts with `#` may be a comment written right after the `=`. Never safe for a key that may
        // hold a credential: the fix changes what is read, and a bulk fix changes no credential
        // (docs/rules.md, "Fix safety"): a password that works today as "abc" would stop working.
        const safe = !empty && !mayHoldSecret(e.key) && keepsEntry(ctx, e, [{ span, newText: quoted }], e.key, whole);
        fixes.push({ title: 'Quote the whole value, `#` included', edits: [{ range: ctx.range(span), newText: quoted }], safe, preferred: true });
      }
      const what = empty ? 'is empty: dotenv reads everything from the `#` on as a comment' : 'stops at `#`: dotenv reads the rest of the line as a comment';
      const message = `The value of ${e.key} ${what}. Quote the whole value if the \`#\` belongs to it, or put a blank before the \`#\` if it starts a comment.`;
      out.push(finding('unquoted-hash', 'warning', message, ctx.range(c), { key: e.key, fixes }));
    }
    return out;
  },
};
