// space-character: blanks (or a line break) between a key and its `=`, or between the `=` and the value.
// dotenv skips them; shells (`source .env`) and several other .env readers do not.
import type { Finding } from '../../../../shared/src/findings';
import type { Rule } from '../../engine/types';
import type { Span } from '../../parser/types';
import { finding } from '../support/findings';
import { keepsEntry, type OffsetEdit } from './meaning';

export const spaceCharacter: Rule = {
  id: 'space-character',
  description: 'Blanks around the `=` between a key and its value.',
  check(ctx) {
    const out: Finding[] = [];
    for (const e of ctx.parsed.entries) {
      // `KEY: value` needs its blank after the colon; only `=` is checked.
      if (e.separator !== '=') continue;
      const gaps: Span[] = [];
      if (e.keySpan.end < e.separatorSpan.start) gaps.push({ start: e.keySpan.end, end: e.separatorSpan.start });
      if (e.rawSpan.end > e.rawSpan.start && e.separatorSpan.end < e.rawSpan.start) gaps.push({ start: e.separatorSpan.end, end: e.rawSpan.start });
      if (gaps.length === 0) continue;
      const edits: OffsetEdit[] = gaps.map((span) => ({ span, newText: '' }));
      const end = e.rawSpan.end > e.rawSpan.start ? e.rawSpan.start : e.separatorSpan.end;
      const message = `${e.key} has blanks around its \`=\`. dotenv ignores them, but shells and other .env readers do not: write ${e.key}=value with nothing in between.`;
      const fix = {
        title: 'Remove the blanks around `=`',
        edits: edits.map((x) => ({ range: ctx.range(x.span), newText: '' })),
        safe: keepsEntry(ctx, e, edits),
        preferred: true,
      };
      out.push(finding('space-character', 'info', message, ctx.range({ start: e.keySpan.end, end }), { key: e.key, fixes: [fix] }));
    }
    return out;
  },
};
