// placeholder-secret: a signing secret is a well-known placeholder (changeme, secret, xxx…): critical
// in every profile, because what is signed with it can be forged by anyone who has seen the sample.
// M1 configs: the catalog's secrets; other files: secrets judged by name (support/signing-secrets.ts).
import type { Finding } from '../../../../shared/src/findings';
import type { Rule } from '../../engine/types';
import { finding, valueRange } from '../support/findings';
import { generateSecretFix, isPlaceholderSecret } from '../support/secrets';
import { secretTargets } from '../support/signing-secrets';

export const placeholderSecret: Rule = {
  id: 'placeholder-secret',
  description: 'A signing secret is a well-known placeholder such as changeme, secret or xxx.',
  semantic: true,
  check(ctx) {
    const out: Finding[] = [];
    for (const { key, entry, value } of secretTargets(ctx)) {
      if (!isPlaceholderSecret(value)) continue;
      const what = ctx.schema === 'm1' ? 'tokens signed with it' : 'the tokens, sessions or cookies signed with it';
      const message =
        `${key} is a well-known placeholder: anyone can forge ${what}. ` +
        'Replace it with a generated secret (48 random bytes, e.g. `openssl rand -base64 48`) and keep it out of version control.';
      out.push(finding('placeholder-secret', 'critical', message, valueRange(ctx, entry), { key, fixes: [generateSecretFix(ctx, key, entry)] }));
    }
    return out;
  },
};
