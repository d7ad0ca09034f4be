// unordered-key (off by default): keys out of alphabetical order within a group. Groups end at blank
// lines, and at a key that refers to one of its group (dotenv-expand expands in file order, so such a key
// must stay after what it uses; it belongs to neither group), as in dotenv-linter.
import type { Finding, Fix } from '../../../../shared/src/findings';
import type { Rule, RuleContext } from '../../engine/types';
import { findReferences } from '../../parser/expand';
import type { EnvEntry } from '../../parser/types';
import { finding } from '../support/findings';
import { linesHoldOnly, linesText, removeLinesEdit } from './lines';

/** Byte-wise order, as dotenv-linter sorts. */
function before(a: string, b: string): boolean {
  return a < b;
}

function groups(ctx: RuleContext): EnvEntry[][] {
  const refs = new Map<EnvEntry, Set<string>>();
  for (const r of findReferences(ctx.parsed, ctx.dialect)) {
    let set = refs.get(r.entry);
    if (!set) refs.set(r.entry, (set = new Set()));
    set.add(r.name);
  }
  const out: EnvEntry[][] = [];
  let current: EnvEntry[] = [];
  let lastLine = -1;
  for (const e of ctx.parsed.entries) {
    const blankBetween = ctx.parsed.lines.slice(lastLine + 1, e.line).some((l) => l.kind === 'blank');
    const uses = refs.get(e);
    if (blankBetween && current.length > 0) {
      out.push(current);
      current = [];
    }
    lastLine = e.endLine;
    if (uses && current.some((c) => uses.has(c.key))) {
      // The key stays where it is, after what it uses; sorting starts again below it.
      out.push(current);
      current = [];
      continue;
    }
    current.push(e);
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** Moves the entry's lines to just before `target`'s lines. */
function moveFix(ctx: RuleContext, e: EnvEntry, target: EnvEntry): Fix | undefined {
  if (!linesHoldOnly(ctx, e) || !linesHoldOnly(ctx, target)) return undefined;
  const at = ctx.parsed.lines[target.line]?.span.start;
  if (at === undefined) return undefined;
  const insert = ctx.range({ start: at, end: at });
  return {
    title: `Move ${e.key} before ${target.key}`,
    edits: [{ range: insert, newText: linesText(ctx, e.line, e.endLine) }, removeLinesEdit(ctx, e.line, e.endLine)],
    // Not safe: a reorder is a style choice, and it moves the line away from its comment.
    safe: false,
  };
}

export const unorderedKey: Rule = {
  id: 'unordered-key',
  description: 'Keys out of alphabetical order within a group of lines (off by default).',
  defaultOff: true,
  check(ctx) {
    const out: Finding[] = [];
    for (const group of groups(ctx)) {
      let greatest = group[0]?.key ?? '';
      for (let i = 1; i < group.length; i++) {
        const e = group[i] as EnvEntry;
        if (!before(e.key, greatest)) {
          greatest = e.key;
          continue;
        }
        // The first earlier key that should come after this one: where this one belongs.
        const target = group.find((o) => before(e.key, o.key));
        if (!target) continue;
        const message = `${e.key} should go before ${target.key}: the other keys of this group are in alphabetical order. Move the line up (this rule is a style preference; turn it off if order carries meaning here).`;
        const fix = moveFix(ctx, e, target);
        out.push(finding('unordered-key', 'info', message, ctx.range(e.keySpan), { key: e.key, fixes: fix ? [fix] : [] }));
      }
    }
    return out;
  },
};
