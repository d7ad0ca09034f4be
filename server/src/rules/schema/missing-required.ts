// missing-required: a variable that must be set (always, or in staging/production) is absent or empty.
// Conditional requirements (JWT_SECRET for HS*, a key source for RS*/ES*) are `inconsistent`'s.
import type { Finding, Fix, Level } from '../../../../shared/src/findings';
import { typeLabel, VARIABLES, type VariableSpec } from '../../catalog';
import type { Rule, RuleContext } from '../../engine/types';
import { appendLinesEdit, fileStartRange, finding, setValueFix, valueRange } from '../support/findings';
import { generateSecretFix } from '../support/secrets';
import { view } from '../support/view';

/** The level of a missing-variable finding, or undefined when the variable is not required here. */
function requiredLevel(spec: VariableSpec, ctx: RuleContext): Level | undefined {
  const r = spec.required;
  if (r.when === 'always' || (r.when === 'prod' && ctx.prodLike)) return r.level;
  return undefined;
}

/** The value a fix can add without guessing: the profile for NODE_ENV, a generated secret, or the default. */
function fixFor(spec: VariableSpec, ctx: RuleContext): Fix | undefined {
  const entry = view(ctx).byKey.get(spec.name)?.entry;
  if (spec.secret) return generateSecretFix(ctx, spec.name, entry);
  const value = spec.name === 'NODE_ENV' ? ctx.profile : spec.default;
  if (value === undefined) return undefined;
  // Never safe: it adds a key (or changes a value) that dotenv reads, and other programs reading the
  // file see it too; NODE_ENV=development in a deployment file changes how everything runs there
  // (docs/rules.md#fix-safety). Offered for a person to choose.
  const safe = false;
  const title = `Add ${spec.name}=${value}`;
  if (entry) return setValueFix(ctx, entry, value, `Set ${spec.name} to ${value}`, safe, true);
  return { title, edits: [appendLinesEdit(ctx, [`${spec.name}=${value}`])], safe, preferred: true };
}

function hint(spec: VariableSpec, ctx: RuleContext): string {
  if (spec.name === 'NODE_ENV') return `Add NODE_ENV=${ctx.profile}; without it the service runs as development.`;
  if (spec.secret) return `Add it with a generated value of at least 32 random bytes (e.g. \`openssl rand -base64 48\`).`;
  const example = spec.example ?? spec.default;
  return example !== undefined ? `Add it, e.g. ${spec.name}=${example}.` : `Add it (${typeLabel(spec.type)}).`;
}

export const missingRequired: Rule = {
  id: 'missing-required',
  description: 'A required variable (always, or in staging and production) is missing or empty.',
  semantic: true,
  catalog: true,
  check(ctx) {
    if (ctx.isExample) return [];
    const out: Finding[] = [];
    for (const spec of VARIABLES) {
      const level = requiredLevel(spec, ctx);
      if (level === undefined) continue;
      const known = view(ctx).byKey.get(spec.name);
      if (known && known.value !== '') continue;
      const unless = spec.required.when === 'never' || spec.required.when === 'conditional' ? undefined : spec.required.unless;
      if (unless?.some((k) => (view(ctx).byKey.get(k)?.value ?? '') !== '')) continue;
      const where = (spec.required.when === 'prod' ? ` in ${ctx.profile}` : '') + (unless ? ` (or ${unless.join(' or ')})` : '');
      const what = known ? 'is empty' : 'is missing';
      const fix = fixFor(spec, ctx);
      out.push(
        finding('missing-required', level, `${spec.name} ${what} but required${where}. ${hint(spec, ctx)}`, known ? valueRange(ctx, known.entry) : fileStartRange(ctx), {
          key: spec.name,
          fixes: fix ? [fix] : [],
        }),
      );
    }
    return out;
  },
};
