// invalid-value: a catalog variable's value has the wrong type or format (int, enum, URL scheme,
// pattern, ...). Ranges are `out-of-range`; `JWT_ALGORITHM=none` is `algorithm-none`'s.
import type { Finding, Fix } from '../../../../shared/src/findings';
import { allowedValues, displayValue, type VariableSpec } from '../../catalog';
import type { Rule, RuleContext } from '../../engine/types';
import type { EnvEntry } from '../../parser/types';
import { closest } from '../support/distance';
import { finding, setValueFix, valueRange } from '../support/findings';
import { view } from '../support/view';

/** The allowed values closest to what was written (edit distance, ignoring case), for enum-like types. */
function rankedChoices(spec: VariableSpec, value: string): readonly string[] {
  const allowed = allowedValues(spec);
  if (!allowed || spec.type.kind === 'debug') return [];
  const v = value.toLowerCase();
  const lower = allowed.map((a) => a.toLowerCase());
  const ranked = closest(v, lower, Number.MAX_SAFE_INTEGER);
  // An abbreviation (prod, dev, stage) means the value it starts: closest of all, although the
  // plain edit distance would rank `test` before `production` for `prod`.
  const abbreviated = v.length >= 3 ? ranked.filter((l) => l.startsWith(v)) : [];
  return [...abbreviated, ...ranked.filter((l) => !abbreviated.includes(l))].map((l) => allowed[lower.indexOf(l)] ?? l);
}

/**
 * One fix per allowed value, closest first. None is safe, not even a change of letter case: a safe fix
 * never changes a value (docs/rules.md#fix-safety), and another program may read the same variable.
 */
function choiceFixes(ctx: RuleContext, spec: VariableSpec, entry: EnvEntry, choices: readonly string[]): Fix[] {
  return choices.map((target, i) => setValueFix(ctx, entry, target, `Change ${spec.name} to ${target}`, false, i === 0));
}

function advice(spec: VariableSpec, choices: readonly string[]): string {
  const first = choices[0];
  if (first !== undefined) return `Use ${first}${choices.length > 1 ? ' or another allowed value' : ''}.`;
  const sample = spec.example ?? spec.default;
  return sample !== undefined ? `Correct it, e.g. ${spec.name}=${sample}.` : 'Correct the value.';
}

export const invalidValue: Rule = {
  id: 'invalid-value',
  description: 'A catalog variable has a value of the wrong type or format (integer, enum, URL scheme, pattern, ...).',
  semantic: true,
  catalog: true,
  check(ctx) {
    const out: Finding[] = [];
    for (const { spec, entry, value } of view(ctx).known) {
      // An empty value reads as "unset": the default applies (missing-required covers required ones).
      if (value === '') continue;
      if (spec.name === 'JWT_ALGORITHM' && value.toLowerCase() === 'none') continue;
      const result = spec.schema.safeParse(value);
      if (result.success) continue;
      const expected = result.error.issues[0]?.message ?? 'a valid value';
      const shown = displayValue(spec.name, value);
      const choices = rankedChoices(spec, value);
      const fixes = choiceFixes(ctx, spec, entry, choices);
      const message = `${spec.name} must be ${expected}${shown !== undefined ? `, not ${shown}` : ''}. ${advice(spec, choices)}`;
      out.push(finding('invalid-value', 'error', message, valueRange(ctx, entry), { key: spec.name, fixes }));
    }
    return out;
  },
};
