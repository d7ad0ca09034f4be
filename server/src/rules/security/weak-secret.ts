// weak-secret: a signing secret that is too short (under 32 bytes: error, critical in production-like
// profiles) or has under 256 bits of estimated strength (warning). See estimateStrength().
import type { Finding } from '../../../../shared/src/findings';
import type { Rule } from '../../engine/types';
import { finding, valueRange } from '../support/findings';
import { estimateStrength, generateSecretFix, isPlaceholderSecret } from '../support/secrets';
import { secretTargets } from '../support/signing-secrets';

const MIN_BYTES = 32;
const MIN_BITS = 256;
/**
 * Outside M1 configs, 128 bits: what frameworks generate themselves (Symfony's APP_SECRET is 32 hex
 * characters) and beyond brute force; M1's own secrets keep config.md's 256.
 */
const GENERIC_MIN_BITS = 128;
const GENERATE = 'Generate a new one (48 random bytes, e.g. `openssl rand -base64 48`).';

export const weakSecret: Rule = {
  id: 'weak-secret',
  description: 'A signing secret is shorter than 32 bytes or has less than 256 bits of estimated strength.',
  semantic: true,
  check(ctx) {
    const out: Finding[] = [];
    for (const k of secretTargets(ctx)) {
      const key = k.key;
      if (isPlaceholderSecret(k.value)) continue; // placeholder-secret reports those
      const fixes = [generateSecretFix(ctx, key, k.entry)];
      const bytes = Buffer.byteLength(k.value, 'utf8');
      if (bytes < MIN_BYTES) {
        const message = `${key} is only ${bytes} bytes long; HMAC signing needs at least ${MIN_BYTES} bytes, or the secret can be brute-forced. ${GENERATE}`;
        out.push(finding('weak-secret', ctx.prodLike ? 'critical' : 'error', message, valueRange(ctx, k.entry), { key, fixes }));
        continue;
      }
      const s = estimateStrength(k.value);
      const minBits = ctx.schema === 'm1' ? MIN_BITS : GENERIC_MIN_BITS;
      if (s.bits >= minBits) continue;
      const message =
        `${key} has about ${s.bits} bits of estimated strength (${s.length} characters from the ${s.alphabet} alphabet); ` +
        `use at least ${minBits} bits, e.g. ${minBits === MIN_BITS ? 43 : 22} or more random base64 characters. ${GENERATE}`;
      out.push(finding('weak-secret', 'warning', message, valueRange(ctx, k.entry), { key, fixes }));
    }
    return out;
  },
};
