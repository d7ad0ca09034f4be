// debug-in-production: DEBUG output is on in staging or production.
import { displayValue } from '../../catalog';
import { isDebugOn } from '../../catalog/formats';
import type { Rule } from '../../engine/types';
import { finding, setValueFix, valueRange } from '../support/findings';
import { setEntry } from '../support/view';

export const debugInProduction: Rule = {
  id: 'debug-in-production',
  description: 'DEBUG is on in staging or production.',
  semantic: true,
  catalog: true,
  check(ctx) {
    if (!ctx.prodLike) return [];
    const k = setEntry(ctx, 'DEBUG');
    if (!k || !isDebugOn(k.value)) return [];
    const message =
      `DEBUG is on (${displayValue('DEBUG', k.value) ?? 'set'}) in ${ctx.profile}: debug output is verbose, slows the service and can log request data and tokens. ` +
      'Set DEBUG=false or remove it.';
    // Not safe: it changes a value, which a safe fix never does (docs/rules.md#fix-safety).
    const fixes = [setValueFix(ctx, k.entry, 'false', 'Set DEBUG to false', false, true)];
    return [finding('debug-in-production', 'error', message, valueRange(ctx, k.entry), { key: 'DEBUG', fixes })];
  },
};
