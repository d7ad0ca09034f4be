// tls-disabled: NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate checks for the whole process.
import type { Rule } from '../../engine/types';
import { finding, setValueFix, valueRange } from '../support/findings';
import { setEntry } from '../support/view';

export const tlsDisabled: Rule = {
  id: 'tls-disabled',
  description: 'NODE_TLS_REJECT_UNAUTHORIZED=0 disables TLS certificate verification (critical in staging/production).',
  semantic: true,
  check(ctx) {
    const k = setEntry(ctx, 'NODE_TLS_REJECT_UNAUTHORIZED');
    if (!k || k.value !== '0') return [];
    const message =
      'NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate checks for every TLS connection of the process (Redis, PostgreSQL, JWKS, analytics): ' +
      'anyone on the network path can impersonate those servers. Remove it or set it to 1; trust a private CA with NODE_EXTRA_CA_CERTS instead.';
    // Not safe: connections to servers with self-signed certificates start failing.
    const fixes = [setValueFix(ctx, k.entry, '1', 'Set NODE_TLS_REJECT_UNAUTHORIZED to 1', false, true)];
    return [finding('tls-disabled', ctx.prodLike ? 'critical' : 'warning', message, valueRange(ctx, k.entry), { key: k.entry.key, fixes })];
  },
};
