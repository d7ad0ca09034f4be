// Applies suppression comments to findings. A `next-line` directive covers the line after it (all
// lines of a multi-line value starting there); a `rest-of-file` directive covers its own line and
// everything below, and the whole file when it comes before the first variable, so that it also
// reaches findings about absent keys, which are reported on the first line.
import type { Finding } from '../../../shared/src/findings';
import { isRuleId, type RuleId } from '../../../shared/src/rule-ids';
import type { ParsedEnv } from '../parser/types';
import { parseDirectives } from '../rules/suppression/directives';

export type Suppressor = (f: Finding) => boolean;

const NOTHING: Suppressor = () => false;

export function buildSuppressor(parsed: ParsedEnv): Suppressor {
  const directives = parseDirectives(parsed);
  if (directives.length === 0) return NOTHING;
  const firstEntryLine = parsed.entries[0]?.line ?? Number.POSITIVE_INFINITY;
  const entryEndByLine = new Map(parsed.entries.map((e) => [e.line, e.endLine]));
  const byLine = new Map<number, Set<RuleId>>();
  const restOfFile: { from: number; ids: Set<RuleId> }[] = [];
  for (const d of directives) {
    const ids = new Set(d.rules.map((r) => r.id).filter(isRuleId));
    if (ids.size === 0) continue;
    if (d.kind === 'rest-of-file') {
      restOfFile.push({ from: d.line < firstEntryLine ? 0 : d.line, ids });
      continue;
    }
    const target = d.line + 1;
    for (let line = target; line <= (entryEndByLine.get(target) ?? target); line++) {
      const set = byLine.get(line) ?? new Set<RuleId>();
      for (const id of ids) set.add(id);
      byLine.set(line, set);
    }
  }
  return (f) => {
    const line = f.range.start.line;
    return byLine.get(line)?.has(f.rule) === true || restOfFile.some((r) => line >= r.from && r.ids.has(f.rule));
  };
}
