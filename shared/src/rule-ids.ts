// Rule ids are public (LSP Diagnostic.code, CLI JSON, SARIF ruleId, suppression comments):
// never rename one. Source of truth: ../shared/spec/config.md, "Rule ids".
import { z } from 'zod';

export const RULE_IDS = [
  // schema and type
  'missing-required',
  'invalid-value',
  'out-of-range',
  'unknown-key',
  'inconsistent',
  // security
  'placeholder-secret',
  'weak-secret',
  'reused-secret',
  'algorithm-none',
  'insecure-url',
  'tls-disabled',
  'debug-in-production',
  'cors-wildcard',
  'default-credentials',
  'fail-open',
  'committed-secret',
  // performance
  'perf-threshold',
  // syntax and style
  'duplicated-key',
  'incorrect-delimiter',
  'key-without-value',
  'leading-character',
  'lowercase-key',
  'quote-character',
  'space-character',
  'substitution-key',
  'trailing-whitespace',
  'unordered-key',
  'value-without-quotes',
  'extra-blank-line',
  'ending-blank-line',
  'unterminated-quote',
  'unquoted-hash',
  // interpolation
  'undefined-reference',
  'circular-reference',
  // example sync
  'missing-key',
  'undocumented-key',
  // connectivity
  'unreachable',
  // suppression comments
  'invalid-suppression',
] as const;

export type RuleId = (typeof RULE_IDS)[number];
export const RuleIdSchema = z.enum(RULE_IDS);

export function isRuleId(s: string): s is RuleId {
  return (RULE_IDS as readonly string[]).includes(s);
}

/** Where each rule's documentation lives (Diagnostic.codeDescription.href, SARIF helpUri). */
export const RULES_DOC_BASE = 'https://github.com/m1-ops/m1-ops/blob/main/docs/rules.md';
export function ruleDocUrl(rule: RuleId): string {
  return `${RULES_DOC_BASE}#${rule}`;
}
