// key-without-value: a line with a key but no `=`. dotenv drops it, so the variable is never set.
import type { Finding, TextEdit } from '../../../../shared/src/findings';
import type { Rule } from '../../engine/types';
import { finding } from '../support/findings';
import { ignoredLines } from './ignored-lines';

export const keyWithoutValue: Rule = {
  id: 'key-without-value',
  description: 'A line with a key but no `=`: dotenv ignores it, so the variable is not set.',
  check(ctx) {
    const out: Finding[] = [];
    const { text } = ctx.parsed;
    for (const l of ignoredLines(ctx)) {
      if (l.eq >= 0 || l.keyEnd === l.keyStart) continue;
      // What follows the key on the line: nothing (`KEY`), `:value` (a colon needs a blank after it),
      // or a blank and more text (`KEY value`). Each becomes `KEY=...`.
      let restStart = l.keyEnd;
      if (text[restStart] === ':') restStart++;
      else while (restStart < l.line.span.end && /\s/.test(text[restStart] as string)) restStart++;
      const edit: TextEdit = { range: ctx.range({ start: l.keyEnd, end: restStart }), newText: '=' };
      // The line is not an entry, so its text may be anything (a pasted token): it is never quoted back.
      const message = 'This line has a key but no `=`, so dotenv ignores it and the variable is not set. Add `=` after the key (and the value after it), or remove the line.';
      // Not safe: after the fix the application sees a variable that was unset until now.
      const fix = { title: 'Add `=` after the key', edits: [edit], safe: false, preferred: true };
      out.push(finding('key-without-value', 'warning', message, ctx.range(l.line.span), { fixes: [fix], unnecessary: true }));
    }
    return out;
  },
};
