// duplicated-key: a key set more than once. dotenv keeps the last value, so every earlier line is dead.
import type { Finding, Fix } from '../../../../shared/src/findings';
import type { Rule } from '../../engine/types';
import { findReferences } from '../../parser/expand';
import { finding } from '../support/findings';
import { entrySpan, linesHoldOnly, removeLinesEdit } from './lines';

export const duplicatedKey: Rule = {
  id: 'duplicated-key',
  description: 'A key set more than once: dotenv keeps the last value and ignores the earlier lines.',
  check(ctx) {
    const out: Finding[] = [];
    const dupes = ctx.parsed.entries.filter((e) => e.overridden);
    if (dupes.length === 0) return out;
    // Removing the first occurrence moves the key later in dotenv-expand's progressive order, which
    // matters only when some value refers to it.
    const referenced = new Set(findReferences(ctx.parsed).map((r) => r.name));
    for (const e of dupes) {
      const winner = ctx.effective.get(e.key);
      if (!winner) continue;
      const message = `${e.key} is set again on line ${winner.line + 1}, and dotenv uses that later value: this line has no effect. Remove it, or remove line ${winner.line + 1} if this is the value you meant.`;
      const fixes: Fix[] = [];
      if (linesHoldOnly(ctx, e)) {
        fixes.push({
          title: `Remove this overridden ${e.key} line`,
          edits: [removeLinesEdit(ctx, e.line, e.endLine)],
          safe: !referenced.has(e.key),
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
