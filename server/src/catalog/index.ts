// Lookups over the catalog for the rules, the language server (hover, completion) and docs.
import type { RuleId } from '../../../shared/src/rule-ids';
import { redactUrl } from '../../../shared/src/redact';
import { BOOL_VALUES, durationMs, isInt, isNumber } from './formats';
import { typeLabel } from './schemas';
import type { VariableSpec } from './types';
import { VARIABLES } from './variables';

export type { Group, Requirement, Threshold, VarType, VariableSpec } from './types';
export { GROUPS } from './types';
export { typeLabel } from './schemas';
export { VARIABLES } from './variables';

export const CATALOG: ReadonlyMap<string, VariableSpec> = new Map(VARIABLES.map((s) => [s.name, s]));
export const CATALOG_KEYS: readonly string[] = VARIABLES.map((s) => s.name);

export function getVariable(name: string): VariableSpec | undefined {
  return CATALOG.get(name);
}

/** Values a completion can offer: enum members, bool literals. */
export function allowedValues(spec: VariableSpec): readonly string[] | undefined {
  if (spec.type.kind === 'enum') return spec.type.values;
  if (spec.type.kind === 'bool') return BOOL_VALUES;
  if (spec.type.kind === 'debug') return ['false', 'true'];
  return undefined;
}

/** "required", "required in production-like profiles", a condition, or "optional". */
export function requirementText(spec: VariableSpec): string {
  const r = spec.required;
  if (r.when === 'always') return 'required';
  if (r.when === 'prod') return 'required in staging and production';
  if (r.when === 'conditional') return `required ${r.condition}`;
  return 'optional';
}

/** Every rule that can report on this key, type checks included. An unknown key gets `unknown-key`. */
export function rulesForKey(name: string): RuleId[] {
  const spec = CATALOG.get(name);
  if (!spec) return ['unknown-key'];
  const ids = new Set<RuleId>(['invalid-value']);
  if (spec.type.kind === 'int' || spec.type.kind === 'number') ids.add('out-of-range');
  if (spec.required.when === 'always' || spec.required.when === 'prod') ids.add('missing-required');
  if (spec.thresholds) ids.add('perf-threshold');
  for (const r of spec.rules) ids.add(r);
  return [...ids];
}

export interface VariableInfo {
  name: string;
  group: string;
  description: string;
  type: string;
  default?: string;
  allowedValues?: readonly string[];
  requirement: string;
  secret: boolean;
  rules: RuleId[];
}

/** Everything a hover or a completion item shows. Never includes a value. */
export function describeVariable(name: string): VariableInfo | undefined {
  const spec = CATALOG.get(name);
  if (!spec) return undefined;
  const allowed = allowedValues(spec);
  return {
    name,
    group: spec.group,
    description: spec.description,
    type: typeLabel(spec.type),
    ...(spec.default !== undefined ? { default: spec.default } : {}),
    ...(allowed ? { allowedValues: allowed } : {}),
    requirement: requirementText(spec),
    secret: spec.secret === true || (spec.secretUrlParts?.length ?? 0) > 0,
    rules: rulesForKey(name),
  };
}

/** The number a numeric value stands for (ints, numbers; durations in ms), or undefined. */
export function numericValue(spec: VariableSpec, value: string): number | undefined {
  switch (spec.type.kind) {
    case 'int':
      return isInt(value) ? Number(value) : undefined;
    case 'number':
      return isNumber(value) ? Number(value) : undefined;
    case 'duration':
      return durationMs(value);
    default:
      return undefined;
  }
}

const MAX_SHOWN = 60;

/**
 * How a value may appear in a message: undefined for secrets and PEM blocks (never shown), URLs
 * with their credentials replaced by `****`, anything else quoted and cut to a readable length.
 */
export function displayValue(key: string, value: string): string | undefined {
  const spec = CATALOG.get(key);
  // Unknown keys may hold anything (STRIPE_KEY=...): never echo them.
  if (!spec || spec.secret || spec.type.kind === 'pem') return undefined;
  let shown = value;
  if (spec.secretUrlParts) {
    // Without a recognisable scheme the credentials cannot be located, so nothing is shown.
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return undefined;
    shown = redactUrl(value, { username: spec.secretUrlParts.includes('username') });
    // Unencoded `/` in a password hides the user info from the parser: when in doubt, show nothing.
    if (shown === value && /:\/\/[^@]*:[^@]*@/.test(value)) return undefined;
  }
  if (shown.length > MAX_SHOWN) shown = `${shown.slice(0, MAX_SHOWN - 1)}…`;
  return JSON.stringify(shown);
}
