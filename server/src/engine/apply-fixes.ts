// Applying fixes: the CLI's `--fix` and the language server's "Fix all M1 issues in this file" both
// call fixAll(), so they apply exactly the same edits. Only `safe` fixes are applied (policy:
// docs/rules.md#fix-safety).
import type { Finding, Fix, TextEdit } from '../../../shared/src/findings';
import type { RuleId } from '../../../shared/src/rule-ids';
import { LineIndex } from '../parser/line-index';
import { validate, type ValidateOptions } from './validate';

export class OverlappingEditsError extends Error {
  constructor() {
    super('The edits overlap; apply them one fix at a time.');
    this.name = 'OverlappingEditsError';
  }
}

interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
  order: number;
}

function toOffsets(index: LineIndex, edits: readonly TextEdit[]): OffsetEdit[] {
  return edits
    .map((e, order) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), newText: e.newText, order }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
}

/** Applies offset edits sorted by position, back to front so that earlier offsets stay valid. */
function applySorted(text: string, sorted: readonly OffsetEdit[]): string {
  let out = text;
  for (let i = sorted.length - 1; i >= 0; i--) {
    const e = sorted[i];
    if (e) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  }
  return out;
}

/** Applies non-overlapping edits (positions refer to the original text); throws OverlappingEditsError otherwise. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = toOffsets(new LineIndex(text), edits);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    // Insertions at the same point do not overlap: they are applied in the order given.
    if (prev && cur && cur.start < prev.end) throw new OverlappingEditsError();
  }
  return applySorted(text, sorted);
}

export interface AppliedFix {
  rule: RuleId;
  title: string;
  key?: string;
}

export interface FixAllResult {
  text: string;
  applied: AppliedFix[];
  /** Findings of the final text. */
  remaining: Finding[];
}

const MAX_PASSES = 10;

function safeFix(f: Finding): Fix | undefined {
  return f.fixes.find((x) => x.safe && x.preferred) ?? f.fixes.find((x) => x.safe);
}

function sameEdit(a: OffsetEdit, b: OffsetEdit): boolean {
  return a.start === b.start && a.end === b.end && a.newText === b.newText;
}

/** Overlapping, or two edits at one point where the order of the result would be arbitrary. */
function collide(a: OffsetEdit, b: OffsetEdit): boolean {
  return (a.start < b.end && b.start < a.end) || (a.start === b.start && (a.start === a.end || b.start === b.end));
}

/**
 * Validates, applies every safe fix whose edits do not collide with one already chosen, and repeats
 * on the new text until nothing is left to apply (at most MAX_PASSES rounds). Colliding fixes wait
 * for the next round, where they are recomputed against the new text.
 */
export function fixAll(text: string, opts: ValidateOptions): FixAllResult {
  const applied: AppliedFix[] = [];
  let current = text;
  let findings = validate(current, opts).findings;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const index = new LineIndex(current);
    const chosen: OffsetEdit[] = [];
    for (const f of findings) {
      const fix = safeFix(f);
      if (!fix) continue;
      // The same edit proposed by two rules (e.g. the same rename) is applied once.
      const fresh = toOffsets(index, fix.edits).filter((m) => !chosen.some((c) => sameEdit(c, m)));
      if (fresh.length === 0 || fresh.some((m) => chosen.some((c) => collide(c, m)))) continue;
      chosen.push(...fresh);
      applied.push({ rule: f.rule, title: fix.title, ...(f.key !== undefined ? { key: f.key } : {}) });
    }
    if (chosen.length === 0) break;
    current = applySorted(current, chosen.sort((a, b) => a.start - b.start || a.end - b.end));
    findings = validate(current, opts).findings;
  }
  return { text: current, applied, remaining: findings };
}
