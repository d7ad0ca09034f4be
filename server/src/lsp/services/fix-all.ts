// "Fix all M1 issues in this file": the engine's fixAll() (the same as `m1-ops validate --fix`),
// turned into one edit that replaces only the span that changed, so the cursor and folds outside
// it stay where they were.
import type { Finding, TextEdit } from '../../../../shared/src/findings';
import { fixAll } from '../../engine/apply-fixes';
import { LineIndex } from '../../parser/line-index';
import { engineOptions, type ValidationInput } from './validate-document';

/** Cheap test for the lightbulb: is there anything fix-all would do? */
export function hasSafeFix(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.fixes.some((x) => x.safe && x.edits.length > 0));
}

export function fixAllEdit(input: ValidationInput): TextEdit | undefined {
  const r = fixAll(input.text, engineOptions(input));
  return r.applied.length > 0 ? minimalEdit(input.text, r.text) : undefined;
}

export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  // Never split a surrogate pair or a \r\n: widen to whole code points / line breaks.
  while (start > 0 && isLowHalfOrLf(before, start)) start--;
  while (endB < before.length && isLowHalfOrLf(before, endB)) {
    endB++;
    endA++;
  }
  const index = new LineIndex(before);
  return { range: index.rangeOf({ start, end: endB }), newText: after.slice(start, endA) };
}

function isLowHalfOrLf(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  const prev = s.charCodeAt(i - 1);
  return (c >= 0xdc00 && c <= 0xdfff && prev >= 0xd800 && prev <= 0xdbff) || (c === 10 && prev === 13);
}
