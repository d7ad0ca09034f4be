// tls-disabled: NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate checks for the whole process.
import type { Rule } from '../../engine/types';
import { finding, setValueFix, valueRange } from '../support/findings';

export const tlsDisabled: Rule = {
  id: 'tls-disabled',
  description: 'NODE_TLS_REJECT_UNAUTHORIZED=0 disables TLS certificate verification (critical in staging/production).',
  semantic: true,
  check(ctx) {
    // Not the catalog view: the flag means the same to every Node process, M1's or not.
    const entry = ctx.effective.get('NODE_TLS_REJECT_UNAUTHORIZED');
    const k = entry && { entry, value: ctx.expanded[entry.key] ?? entry.value };
    if (!k || k.value !== '0') return [];
    const which = ctx.schema === 'm1' ? ' (Redis, PostgreSQL, JWKS, analytics)' : '';
    const message =
      `NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate checks for every TLS connection of the process${which}: ` +
      'anyone on the network path can impersonate those servers. Remove it or set it to 1; trust a private CA with NODE_EXTRA_CA_CERTS instead.';
    // Not safe: connections to servers with self-signed certificates start failing.
    const fixes = [setValueFix(ctx, k.entry, '1', 'Set NODE_TLS_REJECT_UNAUTHORIZED to 1', false, true)];
    return [finding('tls-disabled', ctx.prodLike ? 'critical' : 'warning', message, valueRange(ctx, k.entry), { key: k.entry.key, fixes })];
  },
};
