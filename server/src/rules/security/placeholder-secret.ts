// placeholder-secret: a signing secret is a well-known placeholder (changeme, secret, xxx…): critical
// in every profile, because tokens signed with it can be forged by anyone who has seen the sample.
import type { Finding } from '../../../../shared/src/findings';
import { VARIABLES } from '../../catalog';
import type { Rule } from '../../engine/types';
import { finding, valueRange } from '../support/findings';
import { generateSecretFix, isPlaceholderSecret } from '../support/secrets';
import { setEntry } from '../support/view';

/** The signing secrets: the catalog's secrets that name this rule (not the Redis passwords, whose
 * length and form are Redis' or the provider's business, not HMAC's). */
export const SECRET_KEYS: readonly string[] = VARIABLES.filter((s) => s.secret && s.rules.includes('placeholder-secret')).map((s) => s.name);

export const placeholderSecret: Rule = {
  id: 'placeholder-secret',
  description: 'A signing secret is a well-known placeholder such as changeme, secret or xxx.',
  semantic: true,
  check(ctx) {
    const out: Finding[] = [];
    for (const key of SECRET_KEYS) {
      const k = setEntry(ctx, key);
      if (!k || !isPlaceholderSecret(k.value)) continue;
      const message =
        `${key} is a well-known placeholder: anyone can forge tokens signed with it. ` +
        'Replace it with a generated secret (48 random bytes, e.g. `openssl rand -base64 48`) and keep it out of version control.';
      out.push(finding('placeholder-secret', 'critical', message, valueRange(ctx, k.entry), { key, fixes: [generateSecretFix(ctx, key, k.entry)] }));
    }
    return out;
  },
};
