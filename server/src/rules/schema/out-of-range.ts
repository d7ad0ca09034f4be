// out-of-range: a numeric variable is a valid number outside the range config.md allows.
import type { Finding, Fix } from '../../../../shared/src/findings';
import { numericValue } from '../../catalog';
import type { Rule } from '../../engine/types';
import { finding, setValueFix, valueRange } from '../support/findings';
import { view } from '../support/view';

export const outOfRange: Rule = {
  id: 'out-of-range',
  description: 'A numeric variable is outside its allowed range.',
  semantic: true,
  catalog: true,
  check(ctx) {
    const out: Finding[] = [];
    for (const { spec, entry, value } of view(ctx).known) {
      const t = spec.type;
      if (t.kind !== 'int' && t.kind !== 'number') continue;
      const n = numericValue(spec, value);
      if (n === undefined || (n >= t.min && n <= t.max)) continue;
      const bound = String(n < t.min ? t.min : t.max);
      // Not safe: the nearest bound is a guess at what was meant, and it changes behaviour.
      const fixes: Fix[] = [setValueFix(ctx, entry, bound, `Set ${spec.name} to ${bound}`, false, true)];
      if (spec.default !== undefined && spec.default !== bound) {
        fixes.push(setValueFix(ctx, entry, spec.default, `Set ${spec.name} to its default ${spec.default}`, false));
      }
      const dflt = spec.default !== undefined ? ` (default ${spec.default})` : '';
      const message = `${spec.name} is ${value}, outside the allowed range ${t.min}–${t.max}. Use a value in that range${dflt}.`;
      out.push(finding('out-of-range', 'error', message, valueRange(ctx, entry), { key: spec.name, fixes }));
    }
    return out;
  },
};
