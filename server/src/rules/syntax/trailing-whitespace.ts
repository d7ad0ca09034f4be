// trailing-whitespace: blanks at the end of a line. Blanks inside a quoted multi-line value are part of
// the value and are left alone.
import type { Finding } from '../../../../shared/src/findings';
import type { Rule } from '../../engine/types';
import type { Span } from '../../parser/types';
import { finding } from '../support/findings';

const BLANK = /\s/;

export const trailingWhitespace: Rule = {
  id: 'trailing-whitespace',
  description: 'Blanks at the end of a line.',
  check(ctx) {
    const out: Finding[] = [];
    const { text, entries } = ctx.parsed;
    // A value may continue over lines only when quoted; its raw span then covers the line ends.
    const multiLine = entries.filter((e) => e.endLine > e.line);
    // `KEY:` takes exactly one blank after the colon: removing it can pull the next line in as the value.
    const colonEnds = new Set(entries.filter((e) => e.separator === ':').map((e) => e.separatorSpan.end));
    let m = 0;
    for (const line of ctx.parsed.lines) {
      const { start, end } = line.span;
      let s = end;
      // A leading BOM is not a blank the user typed.
      const floor = start === 0 && text.charCodeAt(0) === 0xfeff ? 1 : start;
      while (s > floor && BLANK.test(text[s - 1] as string)) s--;
      if (s === end) continue;
      while (m < multiLine.length && (multiLine[m]?.rawSpan.end ?? 0) <= s) m++;
      const inside = multiLine[m];
      if (inside && inside.rawSpan.start <= s && s < inside.rawSpan.end) continue;
      const span: Span = { start: s, end };
      const safe = !colonEnds.has(s);
      const message = 'This line ends with blanks. Remove them: they are invisible and some .env readers keep them.';
      const fix = { title: 'Remove the trailing blanks', edits: [{ range: ctx.range(span), newText: '' }], safe, preferred: true };
      out.push(finding('trailing-whitespace', 'info', message, ctx.range(span), { fixes: [fix] }));
    }
    return out;
  },
};
