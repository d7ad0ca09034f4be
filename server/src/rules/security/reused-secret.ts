// reused-secret: the admin signing secret equals the user-token secret, so whoever can sign user
// tokens can also sign admin tokens.
import type { Rule } from '../../engine/types';
import { finding, valueRange } from '../support/findings';
import { generateSecretFix } from '../support/secrets';
import { setEntry } from '../support/view';

export const reusedSecret: Rule = {
  id: 'reused-secret',
  description: 'M1_ADMIN_JWT_SECRET is the same as JWT_SECRET.',
  semantic: true,
  catalog: true,
  check(ctx) {
    const user = setEntry(ctx, 'JWT_SECRET');
    const admin = setEntry(ctx, 'M1_ADMIN_JWT_SECRET');
    if (!user || !admin || user.value !== admin.value) return [];
    const message =
      'M1_ADMIN_JWT_SECRET is the same as JWT_SECRET: anything that can sign user tokens can also sign admin tokens. ' +
      'Give the admin secret its own generated value.';
    return [
      finding('reused-secret', 'warning', message, valueRange(ctx, admin.entry), {
        key: 'M1_ADMIN_JWT_SECRET',
        fixes: [generateSecretFix(ctx, 'M1_ADMIN_JWT_SECRET', admin.entry)],
      }),
    ];
  },
};
