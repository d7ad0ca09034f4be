// TEMPORARY until engine/apply-fixes.ts (fixAll) lands: applies each finding's first safe fix,
// skipping fixes whose edits overlap an edit already taken, from the end of the text backwards.
import type { Finding, TextEdit } from '../../../../shared/src/findings';
import type { RuleId } from '../../../../shared/src/rule-ids';
import { LineIndex } from '../../parser/line-index';

export interface Applied {
  text: string;
  fixed: RuleId[];
}

export function applySafeFixes(text: string, findings: readonly Finding[]): Applied {
  const index = new LineIndex(text);
  const taken: { start: number; end: number; newText: string }[] = [];
  const fixed: RuleId[] = [];
  const overlaps = (s: number, e: number): boolean => taken.some((t) => s < t.end && t.start < e || (s === e && s === t.start));
  for (const f of findings) {
    const fix = f.fixes.find((x) => x.safe);
    if (!fix) continue;
    const edits = fix.edits.map((e: TextEdit) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), newText: e.newText }));
    if (edits.some((e) => overlaps(e.start, e.end))) continue;
    taken.push(...edits);
    fixed.push(f.rule);
  }
  taken.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of taken) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return { text: out, fixed };
}
