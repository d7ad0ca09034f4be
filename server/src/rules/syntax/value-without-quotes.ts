// value-without-quotes: an unquoted value with blanks inside. dotenv reads it whole, but shells split it
// and it is easy to misread where it ends; quoting it changes nothing for dotenv.
import type { Finding, Fix } from '../../../../shared/src/findings';
import type { Rule } from '../../engine/types';
import { finding } from '../support/findings';
import { keepsEntry, quoteFor } from './meaning';

const QUOTE_START = /^['"`]/;

export const valueWithoutQuotes: Rule = {
  id: 'value-without-quotes',
  description: 'An unquoted value with blanks inside.',
  check(ctx) {
    const out: Finding[] = [];
    for (const e of ctx.parsed.entries) {
      // A value starting with a quote is unterminated-quote's business.
      if (e.quote !== null || e.raw === '' || QUOTE_START.test(e.raw) || !/\s/.test(e.raw)) continue;
      const quoted = quoteFor(e.raw);
      const fixes: Fix[] = [];
      if (quoted !== undefined) {
        const safe = keepsEntry(ctx, e, [{ span: e.rawSpan, newText: quoted }]);
        fixes.push({ title: 'Quote the value', edits: [{ range: ctx.range(e.rawSpan), newText: quoted }], safe, preferred: true });
      }
      const message = `The value of ${e.key} has blanks but no quotes. dotenv reads it whole, but shells and other readers split it: quote it.`;
      out.push(finding('value-without-quotes', 'info', message, ctx.range(e.rawSpan), { key: e.key, fixes }));
    }
    return out;
  },
};
