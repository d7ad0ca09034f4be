// extra-blank-line: two or more blank lines in a row. One blank line separates groups; more is noise.
import type { Finding } from '../../../../shared/src/findings';
import type { Rule } from '../../engine/types';
import { finding } from '../support/findings';
import { lastContentLine } from './blank-lines';

export const extraBlankLine: Rule = {
  id: 'extra-blank-line',
  description: 'Two or more blank lines in a row.',
  check(ctx) {
    const out: Finding[] = [];
    const { lines } = ctx.parsed;
    const last = lastContentLine(ctx);
    let i = 0;
    while (i < last) {
      if (lines[i]?.kind !== 'blank') {
        i++;
        continue;
      }
      let j = i;
      while (lines[j + 1]?.kind === 'blank') j++;
      // lines i..j are blank and line j+1 has content (runs that reach the end are ending-blank-line's).
      if (j > i) {
        const from = lines[i + 1];
        const next = lines[j + 1];
        if (from && next) {
          const span = { start: from.span.start, end: next.span.start };
          const count = j - i + 1;
          const message = `${count} blank lines in a row. Keep one to separate groups of variables and remove the others.`;
          // Blank lines hold nothing dotenv reads, and one stays, so a `KEY:` before them keeps its blank.
          const fix = { title: 'Remove the extra blank lines', edits: [{ range: ctx.range(span), newText: '' }], safe: true, preferred: true };
          const range = { start: ctx.range(from.span).start, end: ctx.range(lines[j]?.span ?? from.span).end };
          out.push(finding('extra-blank-line', 'info', message, range, { fixes: [fix] }));
        }
      }
      i = j + 1;
    }
    return out;
  },
};
