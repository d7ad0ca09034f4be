// quote-character: quotes around a value that reads the same without them (dotenv-linter's check).
// Values with blanks, `#`, `$`, `\`, `=`, `&` or quotes keep their quotes: there they carry meaning, or
// make the value safe for shells and humans.
import type { Finding } from '../../../../shared/src/findings';
import type { Rule } from '../../engine/types';
import { finding } from '../support/findings';
import { keepsEntry } from './meaning';

const NEEDS_QUOTES = /[\s#$\\='"`&\p{Cc}]/u;

export const quoteCharacter: Rule = {
  id: 'quote-character',
  description: 'Quotes around a value that needs none.',
  check(ctx) {
    const out: Finding[] = [];
    for (const e of ctx.parsed.entries) {
      if (e.quote === null || e.value === '') continue;
      const inner = e.raw.slice(1, -1);
      if (inner !== e.value || NEEDS_QUOTES.test(inner)) continue;
      // `TAG="v1"#old`: the closing quote is what ends the value before the `#`; without it the comment
      // would be glued to the value (and read as part of it by Compose and PHP readers).
      const after = ctx.parsed.text[e.rawSpan.end];
      if (after !== undefined && !/\s/.test(after)) continue;
      const edit = { span: e.rawSpan, newText: inner };
      if (!keepsEntry(ctx, e, [edit])) continue;
      const message = `The value of ${e.key} is quoted but needs no quotes: dotenv reads it the same without them. Remove the quotes.`;
      const fix = { title: 'Remove the quotes', edits: [{ range: ctx.range(e.rawSpan), newText: inner }], safe: true, preferred: true };
      out.push(finding('quote-character', 'info', message, ctx.range(e.rawSpan), { key: e.key, fixes: [fix] }));
    }
    return out;
  },
};
