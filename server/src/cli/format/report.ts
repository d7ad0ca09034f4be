// What the formatters receive: plain data, so each formatter is a pure function (unit-tested with
// hand-made findings, independent of the engine).
import { LEVELS, type Finding, type Level } from '../../../../shared/src/findings';
import type { Profile } from '../../../../shared/src/profiles';
import type { RuleId } from '../../../../shared/src/rule-ids';
import type { Schema } from '../../engine/schema';
import type { Dialect } from '../../parser/dialect';

export interface FileReport {
  /** As shown to the user: the argument, or the argument joined with the path found under it. */
  path: string;
  profile: Profile;
  /** M1 config (`m1`) or not (`generic`), and why ("sets M1_API_BASE_URL", "no M1_* variable"). */
  schema: Schema;
  schemaReason: string;
  /** The reader the file was judged for, and why. */
  dialect: Dialect;
  dialectReason: string;
  /** Sorted by position. What is left after --fix. */
  findings: Finding[];
  /** Rules of the findings --fix repaired (one entry per finding), when --fix ran. */
  fixed?: RuleId[];
}

export type LevelCounts = Record<Level, number>;

export function countLevels(files: readonly FileReport[]): LevelCounts {
  const counts: LevelCounts = { critical: 0, error: 0, warning: 0, info: 0 };
  for (const f of files) for (const x of f.findings) counts[x.level]++;
  return counts;
}

/** "1 critical, 2 errors, 0 warnings, 1 info". */
export function describeCounts(c: LevelCounts): string {
  const noun = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  return LEVELS.map((l) => (l === 'critical' || l === 'info' ? `${c[l]} ${l}` : noun(c[l], l, `${l}s`))).join(', ');
}

export function total(c: LevelCounts): number {
  return c.critical + c.error + c.warning + c.info;
}
