// duplicated-key: a key set more than once. dotenv keeps the last value, so every earlier line is dead.
import type { Finding, Fix } from '../../../../shared/src/findings';
import type { Rule, RuleContext } from '../../engine/types';
import { skipWS } from '../../parser/chars';
import type { EnvEntry } from '../../parser/types';
import { finding } from '../support/findings';
import { entrySpan, linesHoldOnly, removeLinesEdit, removeLinesSpan } from './lines';
import { quotesAreLocal } from './meaning';

/**
 * Removing the lines cannot change how dotenv reads the rest: no quote search crosses them, and what
 * follows them cannot join what precedes (a `=` completing a bare key above, or a quote becoming the
 * value of an empty `KEY=` above).
 */
function removalIsInvisible(ctx: RuleContext, e: EnvEntry): boolean {
  if (!quotesAreLocal(ctx)) return false;
  const { text } = ctx.parsed;
  const next = text[skipWS(text, removeLinesSpan(ctx, e.line, e.endLine).end)];
  return next !== "'" && next !== '"' && next !== '`' && next !== '=';
}

export const duplicatedKey: Rule = {
  id: 'duplicated-key',
  description: 'A key set more than once: dotenv keeps the last value and ignores the earlier lines.',
  check(ctx) {
    const out: Finding[] = [];
    const dupes = ctx.parsed.entries.filter((e) => e.overridden);
    if (dupes.length === 0) return out;
    // Removing the first occurrence moves the key later in dotenv-expand's progressive order. That can
    // change expanded values whenever the file interpolates at all (references can even appear during
    // expansion: an escaped `\${B}` becomes a live `${B}` once substituted elsewhere), so the removal is
    // called safe only in files without a `$` in any value.
    const interpolates = ctx.parsed.entries.some((x) => x.value.includes('$'));
    for (const e of dupes) {
      const winner = ctx.effective.get(e.key);
      if (!winner) continue;
      const message = `${e.key} is set again on line ${winner.line + 1}, and dotenv uses that later value: this line has no effect. Remove it, or remove line ${winner.line + 1} if this is the value you meant.`;
      const fixes: Fix[] = [];
      if (linesHoldOnly(ctx, e)) {
        fixes.push({
          title: `Remove this overridden ${e.key} line`,
          edits: [removeLinesEdit(ctx, e.line, e.endLine)],
          safe: !interpolates && removalIsInvisible(ctx, e),
          preferred: true,
        });
      }
      const others = ctx.parsed.entries.filter((o) => o !== e && o.key === e.key);
      if (others.every((o) => linesHoldOnly(ctx, o))) {
        fixes.push({
          title: `Keep this ${e.key} value (remove the other ${e.key} lines)`,
          edits: others.map((o) => removeLinesEdit(ctx, o.line, o.endLine)),
          safe: false,
        });
      }
      out.push(finding('duplicated-key', 'warning', message, ctx.range(entrySpan(e)), { key: e.key, fixes, unnecessary: true }));
    }
    return out;
  },
};
