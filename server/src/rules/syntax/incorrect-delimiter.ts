// incorrect-delimiter: a key with characters other than letters, digits and `_` after its first one.
// dotenv accepts `.` and `-` (info: shells cannot use the name, and dotenv-expand reads `${FOO-BAR}` as
// FOO with the default BAR); any other character (a blank, `@`, `:`, a non-ASCII letter) makes dotenv
// drop the line (warning: the variable is silently missing).
import type { Finding } from '../../../../shared/src/findings';
import type { Rule } from '../../engine/types';
import { finding } from '../support/findings';
import { DOTENV_KEY_CHAR, ignoredLines, stripLeading } from './ignored-lines';

/** Inner runs of other characters become `_`; trailing ones (as in `KEY:=`) are dropped. */
function delimited(key: string): string {
  return key.replace(/[^A-Za-z0-9_]+$/, '').replace(/[^A-Za-z0-9_]+/g, '_');
}

export const incorrectDelimiter: Rule = {
  id: 'incorrect-delimiter',
  description: 'A key with characters other than letters, digits and `_` (dotenv drops the line for most of them).',
  check(ctx) {
    const out: Finding[] = [];
    for (const e of ctx.parsed.entries) {
      const rest = stripLeading(e.key); // leading-character reports the start
      const bad = /[^A-Za-z0-9_]/.exec(rest);
      if (!bad) continue;
      const renamed = e.key.slice(0, e.key.length - rest.length) + delimited(rest);
      const message = `${e.key} contains '${bad[0]}'. dotenv accepts it, but shells cannot use the name and dotenv-expand cannot refer to it (\${A-B} means A with the default B). Rename it to ${renamed} and update the code that reads it.`;
      // Not safe: the application reads the variable under its old name.
      const fix = { title: `Rename to ${renamed}`, edits: [{ range: ctx.range(e.keySpan), newText: renamed }], safe: false, preferred: true };
      out.push(finding('incorrect-delimiter', 'info', message, ctx.range(e.keySpan), { key: e.key, fixes: [fix] }));
    }
    const { text } = ctx.parsed;
    for (const l of ignoredLines(ctx)) {
      if (l.eq < 0 || l.keyEnd === l.keyStart) continue;
      const candidate = text.slice(l.keyStart, l.keyEnd);
      if (!DOTENV_KEY_CHAR.test(candidate[0] as string)) continue; // leading-character
      if (!/[^\w.-]/.test(candidate)) continue;
      const renamed = delimited(candidate);
      const span = { start: l.keyStart, end: l.keyEnd };
      // Not an entry: the line's text is never quoted back (it may be a pasted token).
      const message = 'The key on this line contains a character dotenv does not accept in a name (such as a blank), so dotenv ignores the line and the variable is not set. Use letters, digits and `_` only.';
      const fix = { title: 'Replace the separators with `_`', edits: [{ range: ctx.range(span), newText: renamed }], safe: false, preferred: true };
      out.push(finding('incorrect-delimiter', 'warning', message, ctx.range(span), { fixes: renamed ? [fix] : [], unnecessary: true }));
    }
    return out;
  },
};
