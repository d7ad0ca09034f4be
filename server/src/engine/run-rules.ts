// Runs the selected rules on one context. A rule that throws never takes the caller down: its
// failure becomes an error-level finding under its own id (so a missing security check cannot
// pass silently in CI) and is returned separately for callers that log.
import type { Finding } from '../../../shared/src/findings';
import type { RuleId } from '../../../shared/src/rule-ids';
import { fileStartRange, finding } from '../rules/support/findings';
import type { Rule, RuleContext, RuleLevels } from './types';

export interface RuleFailure {
  rule: RuleId;
  /** What the rule threw. May quote the document: log it only where secrets may appear. */
  error: unknown;
}

/**
 * The rules that run for this document: not off, default-off ones only when given a level, no semantic
 * ones on example files, no catalog ones on files that are not M1 configs (even when given a level:
 * a level says how loud a finding is, not which files are M1's).
 */
export function selectRules(rules: readonly Rule[], ctx: RuleContext, levels: RuleLevels | undefined): Rule[] {
  return rules.filter((r) => {
    const level = levels?.[r.id];
    if (level === 'off') return false;
    if (r.defaultOff && level === undefined) return false;
    if (r.catalog && ctx.schema !== 'm1') return false;
    return !(ctx.isExample && r.semantic);
  });
}

export function runRules(rules: readonly Rule[], ctx: RuleContext): { findings: Finding[]; failures: RuleFailure[] } {
  const findings: Finding[] = [];
  const failures: RuleFailure[] = [];
  for (const rule of rules) {
    try {
      findings.push(...rule.check(ctx));
    } catch (error) {
      failures.push({ rule: rule.id, error });
      const message =
        `Internal error: the ${rule.id} check failed on this file and was skipped, so its problems are not reported; the other checks ran. ` +
        'Please report this bug (with the file\'s structure, not its values).';
      findings.push(finding(rule.id, 'error', message, fileStartRange(ctx)));
    }
  }
  return { findings, failures };
}
