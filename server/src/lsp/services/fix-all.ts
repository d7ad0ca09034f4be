// "Fix all": the safe fixes of a validation, as non-overlapping edits against that version.
// TODO(engine): delegate to fixAll() from server/src/engine/apply-fixes.ts when it lands, so the
// CLI's --fix and the editor apply exactly the same edits.
import type { Finding, TextEdit } from '../../../../shared/src/findings';
import { comparePositions } from './positions';

export function fixAllEdits(findings: readonly Finding[]): TextEdit[] {
  const chosen: TextEdit[] = [];
  for (const f of findings) {
    const fix = f.fixes.find((x) => x.safe && x.preferred) ?? f.fixes.find((x) => x.safe);
    if (!fix || fix.edits.length === 0) continue;
    // A fix is all or nothing: skip it when any of its edits touches one already chosen.
    if (fix.edits.some((e) => chosen.some((c) => overlaps(c, e)))) continue;
    chosen.push(...fix.edits);
  }
  return chosen.sort((a, b) => comparePositions(a.range.start, b.range.start));
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  const interior = comparePositions(a.range.start, b.range.end) < 0 && comparePositions(b.range.start, a.range.end) < 0;
  // Two insertions at the same point conflict too: their order would be arbitrary.
  const sameInsertion = isInsertion(a) && isInsertion(b) && comparePositions(a.range.start, b.range.start) === 0;
  return interior || sameInsertion;
}

function isInsertion(e: TextEdit): boolean {
  return comparePositions(e.range.start, e.range.end) === 0;
}
