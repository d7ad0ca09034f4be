// fail-open: revocation checks let tokens through when the store is unreachable, in staging/production.
import { isTruthyBool } from '../../catalog/formats';
import type { Rule } from '../../engine/types';
import { finding, setValueFix, valueRange } from '../support/findings';
import { setEntry } from '../support/view';

export const failOpen: Rule = {
  id: 'fail-open',
  description: 'TOKEN_REVOCATION_FAIL_OPEN is true in staging or production.',
  semantic: true,
  catalog: true,
  check(ctx) {
    if (!ctx.prodLike) return [];
    const k = setEntry(ctx, 'TOKEN_REVOCATION_FAIL_OPEN');
    if (!k || !isTruthyBool(k.value)) return [];
    const message =
      `TOKEN_REVOCATION_FAIL_OPEN is ${k.value} in ${ctx.profile}: whenever Redis cannot be reached, revoked tokens are accepted again. ` +
      'Set it to false (fail closed) and make Redis highly available instead.';
    // Not safe: failing closed turns a Redis outage into rejected requests, a deliberate trade-off.
    const fixes = [setValueFix(ctx, k.entry, 'false', 'Set TOKEN_REVOCATION_FAIL_OPEN to false', false, true)];
    return [finding('fail-open', 'critical', message, valueRange(ctx, k.entry), { key: k.entry.key, fixes })];
  },
};
