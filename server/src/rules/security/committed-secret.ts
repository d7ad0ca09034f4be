// committed-secret: a value has the shape of a live credential (a Stripe or GitHub key, a Slack
// token, an AWS key id, a JWT, a private key, ...: catalog/secret-values.ts). Critical in the files
// that are usually committed (.env.example, .env.sample, *.env.template, ...), where it is a leak
// already; a warning elsewhere, where it is one `git add` away. A generic rule: true of any dotenv
// file, it needs no catalog, and it runs on example files too (it is not `semantic`).
import type { Finding } from '../../../../shared/src/findings';
import { liveCredentialShape, type CredentialShape } from '../../catalog/secret-values';
import { baseName } from '../../engine/context';
import type { Rule } from '../../engine/types';
import { finding, setValueFix, valueRange } from '../support/findings';

/** Files meant for version control: examples, samples, templates, dist and defaults files. */
const USUALLY_COMMITTED = /(?:^|\.)env\.(?:example|sample|template|dist|defaults?)$|\.(?:example|sample|template)\.env$/i;

export function isUsuallyCommitted(fileName: string): boolean {
  return USUALLY_COMMITTED.test(baseName(fileName));
}

/** Documentation values such as sk_live_xxxxxxxxxxxxxxxxxxxx or ghp_YOUR_TOKEN_HERE_0000 are not credentials. */
function looksLikePlaceholder(value: string): boolean {
  return /(.)\1{5,}/.test(value) || /your|example|placeholder|changeme|redacted|dummy|fake|sample/i.test(value);
}

/** `<your-stripe-secret-key>` for "a Stripe secret key". */
export function placeholderFor(shape: CredentialShape): string {
  const words = shape.name.replace(/^(a|an) /, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `<your-${words}>`;
}

export const FIX_ADVICE = 'Replace with a placeholder and rotate the credential';

export const committedSecret: Rule = {
  id: 'committed-secret',
  description: 'A value has the shape of a live credential (provider key, token, JWT, private key).',
  check(ctx) {
    const out: Finding[] = [];
    const committed = isUsuallyCommitted(ctx.fileName);
    for (const e of ctx.parsed.entries) {
      const shape = liveCredentialShape(e.value);
      if (!shape || looksLikePlaceholder(e.value)) continue;
      // Never the value, nor any part of it: the name of the shape says enough.
      const message = committed
        ? `${e.key} holds what looks like ${shape.name}, in ${baseName(ctx.fileName)}, a file that is usually committed: ` +
          `anyone who can read the repository can use it. ${FIX_ADVICE} (revoke it at the provider: it must be considered leaked).`
        : `${e.key} holds what looks like ${shape.name}: keep this file out of version control. ` +
          `If it was ever committed or shared: ${FIX_ADVICE.toLowerCase()}.`;
      // Unsafe: the application stops working until someone puts a real (new) credential back.
      const fix = setValueFix(ctx, e, placeholderFor(shape), 'Replace the credential with a placeholder (then rotate it)', false);
      out.push(finding('committed-secret', committed ? 'critical' : 'warning', message, valueRange(ctx, e), { key: e.key, fixes: [fix] }));
    }
    return out;
  },
};
