import type { Position, Range } from '../../../../shared/src/findings';

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** Inclusive at both ends: a cursor right after the last character still "touches" the range. */
export function rangeContains(r: Range, p: Position): boolean {
  return comparePositions(r.start, p) <= 0 && comparePositions(p, r.end) <= 0;
}
