// invalid-suppression: a suppression comment that names an unknown rule id, or none at all.
import type { Finding } from '../../../../shared/src/findings';
import { isRuleId, RULE_IDS } from '../../../../shared/src/rule-ids';
import type { Rule } from '../../engine/types';
import { closest } from '../support/distance';
import { finding } from '../support/findings';
import { parseDirectives } from './directives';

export const invalidSuppression: Rule = {
  id: 'invalid-suppression',
  description: 'A suppression comment names a rule id that does not exist, or no rule id.',
  check(ctx) {
    const out: Finding[] = [];
    for (const d of parseDirectives(ctx.parsed)) {
      if (d.rules.length === 0) {
        const message = 'This suppression comment names no rule, so it does nothing. List the rule ids to disable, e.g. `# m1-ops-disable-next-line weak-secret`.';
        out.push(finding('invalid-suppression', 'warning', message, ctx.range(d.span)));
        continue;
      }
      for (const r of d.rules) {
        if (isRuleId(r.id)) continue;
        const [suggestion] = closest(r.id, RULE_IDS, 3);
        const range = ctx.range(r.span);
        const hint = suggestion ? `did you mean ${suggestion}?` : 'see docs/rules.md for the rule ids.';
        const message = `Unknown rule id ${JSON.stringify(r.id)} in a suppression comment, so nothing is suppressed for it; ${hint}`;
        // Not safe: fixing the id starts hiding that rule's findings.
        const fixes = suggestion ? [{ title: `Change to ${suggestion}`, edits: [{ range, newText: suggestion }], safe: false, preferred: true }] : [];
        out.push(finding('invalid-suppression', 'warning', message, range, { fixes }));
      }
    }
    return out;
  },
};
