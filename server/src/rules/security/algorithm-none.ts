// algorithm-none: JWT_ALGORITHM=none accepts unsigned tokens.
import type { Rule } from '../../engine/types';
import { finding, setValueFix, valueRange } from '../support/findings';

export const algorithmNone: Rule = {
  id: 'algorithm-none',
  description: 'JWT_ALGORITHM is none: unsigned tokens are accepted.',
  semantic: true,
  check(ctx) {
    // Not the catalog view: `none` accepts unsigned tokens in every JWT library, M1's or not.
    const entry = ctx.effective.get('JWT_ALGORITHM');
    const k = entry && { entry, value: ctx.expanded[entry.key] ?? entry.value };
    if (!k || k.value.trim().toLowerCase() !== 'none') return [];
    const message =
      'JWT_ALGORITHM is none: unsigned tokens are accepted, so anyone can forge one. ' +
      'Use a signing algorithm: HS256 with JWT_SECRET, or RS256/ES256/EdDSA with JWT_PUBLIC_KEY or JWKS_URL.';
    // Not safe: HS256 needs a JWT_SECRET that every token issuer shares.
    const fixes = [setValueFix(ctx, k.entry, 'HS256', 'Change JWT_ALGORITHM to HS256', false, true)];
    return [finding('algorithm-none', 'critical', message, valueRange(ctx, k.entry), { key: 'JWT_ALGORITHM', fixes })];
  },
};
