// One line per rule for SARIF's shortDescription. TEMPORARY wording derived from config.md until
// the rules registry (each Rule's `description`) is complete; then this reads the registry.
import type { RuleId } from '../../../../shared/src/rule-ids';

const DESCRIPTIONS: Partial<Record<RuleId, string>> = {
  'missing-required': 'A required variable is missing or empty.',
  'invalid-value': 'A value has the wrong type, format, enum value or pattern.',
  'out-of-range': 'A numeric value is outside its allowed range.',
  'unknown-key': 'A variable the M1 catalog does not know.',
  inconsistent: 'Variables that contradict each other.',
  unreachable: 'A service named by a URL cannot be reached (Redis, PostgreSQL, HTTP health, JWKS).',
};

export function describeRule(rule: RuleId): string {
  return DESCRIPTIONS[rule] ?? `M1 Ops rule ${rule}.`;
}
