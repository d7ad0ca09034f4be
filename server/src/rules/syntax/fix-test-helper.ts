// Test helper for rule tests: run one rule and apply one of its fixes with the engine's applyEdits.
import type { Finding } from '../../../../shared/src/findings';
import { applyEdits } from '../../engine/apply-fixes';
import type { Rule } from '../../engine/types';
import { runRule, type RunRuleOptions } from '../testing';

/** The text after applying fix `fixIndex` of finding `findingIndex`; throws when there is no such fix. */
export function applyFix(rule: Rule, text: string, findingIndex = 0, fixIndex = 0, opts: RunRuleOptions = {}): string {
  const findings: Finding[] = runRule(rule, text, opts);
  const fix = findings[findingIndex]?.fixes[fixIndex];
  if (!fix) throw new Error(`no fix ${fixIndex} on finding ${findingIndex} (${findings.length} findings)`);
  return applyEdits(text, fix.edits);
}
