// One line per rule for SARIF's shortDescription: each Rule's own `description` (rules/index.ts),
// plus the connectivity checks, which are not document rules.
import type { RuleId } from '../../../../shared/src/rule-ids';
import { ALL_RULES } from '../../rules';

const DESCRIPTIONS = new Map<RuleId, string>([
  ...ALL_RULES.map((r): [RuleId, string] => [r.id, r.description]),
  ['unreachable', 'A service named by a URL cannot be reached: Redis PING, PostgreSQL SELECT 1, HTTP health GET, JWKS fetch.'],
]);

export function describeRule(rule: RuleId): string {
  return DESCRIPTIONS.get(rule) ?? `M1 Ops rule ${rule}.`;
}
