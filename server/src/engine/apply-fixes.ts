// Applying fixes: the CLI's `--fix` and the language server's "Fix all M1 issues in this file" both
// call fixAll(), so they apply exactly the same edits. Only `safe` fixes are applied, and never so as
// to change what dotenv reads (the law: docs/rules.md#fix-safety).
import type { Finding, Fix, TextEdit } from '../../../shared/src/findings';
import type { RuleId } from '../../../shared/src/rule-ids';
import { expandEnv } from '../parser/expand';
import { LineIndex } from '../parser/line-index';
import { parseEnv } from '../parser/parse';
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
  /**
   * Fixes marked safe that were NOT applied because, combined with the others, they would have changed
   * what dotenv reads. Empty unless a rule misjudges its fix: the law holds either way.
   */
  refused: AppliedFix[];
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

interface Candidate {
  fix: AppliedFix;
  edits: OffsetEdit[];
  /** Identifies the fix across rounds (its edits are recomputed each round), so a refused one is not retried. */
  signature: string;
}

function signature(f: Finding, fix: Fix): string {
  return JSON.stringify([f.rule, f.key ?? '', fix.title, fix.edits.map((e) => e.newText)]);
}

function describeFix(f: Finding, fix: Fix): AppliedFix {
  return { rule: f.rule, title: fix.title, ...(f.key !== undefined ? { key: f.key } : {}) };
}

/** The round's fixes: each finding's safe fix, unless its edits collide with one already chosen. */
function candidates(findings: readonly Finding[], index: LineIndex, refused: ReadonlySet<string>): Candidate[] {
  const out: Candidate[] = [];
  const chosen: OffsetEdit[] = [];
  for (const f of findings) {
    const fix = safeFix(f);
    if (!fix || refused.has(signature(f, fix))) continue;
    // The same edit proposed by two rules (e.g. the same rename) is applied once.
    const fresh = toOffsets(index, fix.edits).filter((m) => !chosen.some((c) => sameEdit(c, m)));
    if (fresh.length === 0 || fresh.some((m) => chosen.some((c) => collide(c, m)))) continue;
    chosen.push(...fresh);
    out.push({ fix: describeFix(f, fix), edits: fresh, signature: signature(f, fix) });
  }
  return out;
}

function applyCandidates(text: string, list: readonly Candidate[]): string {
  return applySorted(text, list.flatMap((c) => c.edits).sort((a, b) => a.start - b.start || a.end - b.end));
}

/**
 * Validates, applies every safe fix whose edits do not collide with one already chosen, and repeats
 * on the new text until nothing is left to apply (at most MAX_PASSES rounds). Colliding fixes wait
 * for the next round, where they are recomputed against the new text.
 *
 * The law (docs/rules.md#fix-safety): the result reads exactly as the input for dotenv and dotenv-expand
 * (same keys, same values). Rules mark fixes safe after checking their own edit, but two safe edits can
 * combine into a change (`TAG="v1"#old`: remove the quotes, then quote the line), so every round is
 * checked against the ORIGINAL reading: a round that keeps it is taken whole; otherwise its fixes are
 * taken one by one, each kept only when the reading still holds, and the others are refused for good.
 */
export function fixAll(text: string, opts: ValidateOptions): FixAllResult {
  const applied: AppliedFix[] = [];
  const refused: AppliedFix[] = [];
  const refusedSignatures = new Set<string>();
  const original = reading(text);
  let current = text;
  let findings = validate(current, opts).findings;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const round = candidates(findings, new LineIndex(current), refusedSignatures);
    if (round.length === 0) break;
    let next = applyCandidates(current, round);
    let kept = round;
    if (!sameReading(original, reading(next))) {
      kept = [];
      for (const c of round) {
        const attempt = applyCandidates(current, [...kept, c]);
        if (sameReading(original, reading(attempt))) kept.push(c);
        else {
          refusedSignatures.add(c.signature);
          refused.push(c.fix);
        }
      }
      next = applyCandidates(current, kept);
    }
    if (kept.length === 0) continue; // everything refused: the next round proposes the rest, if any
    applied.push(...kept.map((c) => c.fix));
    current = next;
    findings = validate(current, opts).findings;
  }
  return { text: current, applied, refused, remaining: findings };
}

/** What an application reads from the text: dotenv's values and dotenv-expand's, key order aside. */
interface Reading {
  parsed: Record<string, string>;
  expanded: Record<string, string>;
}

function reading(text: string): Reading {
  const values = parseEnv(text).values;
  return { parsed: values, expanded: expandEnv(values) };
}

function sameRecord(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && a[k] === b[k]);
}

function sameReading(a: Reading, b: Reading): boolean {
  return sameRecord(a.parsed, b.parsed) && sameRecord(a.expanded, b.expanded);
}
