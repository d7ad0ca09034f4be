// inconsistent: settings that are each valid but contradict one another (config.md "inconsistent").
import type { Finding } from '../../../../shared/src/findings';
import type { Rule, RuleContext } from '../../engine/types';
import { fileStartRange, finding, setValueFix, valueRange } from '../support/findings';
import { generateSecretFix } from '../support/secrets';
import { redisTopology } from './redis-topology';
import { setEntry, validNumber, view } from '../support/view';

const HS = /^HS(256|384|512)$/;
const ASYMMETRIC = /^(RS256|RS384|RS512|ES256|ES384|EdDSA)$/;

function poolBounds(ctx: RuleContext): Finding[] {
  const min = validNumber(ctx, 'DATABASE_POOL_MIN');
  const max = validNumber(ctx, 'DATABASE_POOL_MAX');
  if (min === undefined || max === undefined || min <= max) return [];
  const minEntry = setEntry(ctx, 'DATABASE_POOL_MIN');
  const at = minEntry ?? setEntry(ctx, 'DATABASE_POOL_MAX');
  if (!at) return [];
  const dflt = (key: string) => (setEntry(ctx, key) ? '' : ', the default');
  const message =
    `DATABASE_POOL_MIN (${min}${dflt('DATABASE_POOL_MIN')}) is greater than DATABASE_POOL_MAX (${max}${dflt('DATABASE_POOL_MAX')}): ` +
    'the pool cannot keep more idle connections than it may open. Lower DATABASE_POOL_MIN or raise DATABASE_POOL_MAX.';
  const fixes = minEntry ? [setValueFix(ctx, minEntry.entry, String(max), `Set DATABASE_POOL_MIN to ${max}`, false, true)] : [];
  return [finding('inconsistent', 'error', message, valueRange(ctx, at.entry), { key: at.entry.key, fixes })];
}

function slowBelowTimeout(ctx: RuleContext): Finding[] {
  const slow = validNumber(ctx, 'M1_SLOW_REQUEST_MS');
  const timeout = validNumber(ctx, 'M1_API_TIMEOUT_MS');
  if (slow === undefined || timeout === undefined || slow < timeout) return [];
  const at = setEntry(ctx, 'M1_SLOW_REQUEST_MS') ?? setEntry(ctx, 'M1_API_TIMEOUT_MS');
  if (!at) return [];
  const message =
    `M1_SLOW_REQUEST_MS (${slow}) is not below M1_API_TIMEOUT_MS (${timeout}): requests time out before they count as slow, ` +
    'so no slow request is ever reported. Set M1_SLOW_REQUEST_MS well below the timeout (the default is 1000).';
  return [finding('inconsistent', 'warning', message, valueRange(ctx, at.entry), { key: at.entry.key })];
}

/** HS* needs JWT_SECRET; RS*, ES* and EdDSA need a public key or a JWKS URL. */
function jwtKeyMaterial(ctx: RuleContext): Finding[] {
  if (ctx.isExample) return [];
  const algEntry = setEntry(ctx, 'JWT_ALGORITHM');
  const alg = algEntry?.value ?? 'HS256';
  if (HS.test(alg)) {
    if (setEntry(ctx, 'JWT_SECRET')) return [];
    const empty = view(ctx).byKey.get('JWT_SECRET')?.entry;
    const because = algEntry ? `JWT_ALGORITHM is ${alg}` : 'JWT_ALGORITHM defaults to HS256';
    const message =
      `JWT_SECRET is required because ${because}: without it no token can be signed or verified. ` +
      'Add a generated secret of at least 32 random bytes, or use RS256/ES256/EdDSA with JWT_PUBLIC_KEY or JWKS_URL.';
    const range = algEntry ? valueRange(ctx, algEntry.entry) : empty ? valueRange(ctx, empty) : fileStartRange(ctx);
    return [finding('inconsistent', 'error', message, range, { key: 'JWT_SECRET', fixes: [generateSecretFix(ctx, 'JWT_SECRET', empty)] })];
  }
  if (!algEntry || !ASYMMETRIC.test(alg)) return []; // none / invalid: algorithm-none and invalid-value report it
  if (setEntry(ctx, 'JWT_PUBLIC_KEY') || setEntry(ctx, 'JWKS_URL')) return [];
  const message =
    `JWT_ALGORITHM is ${alg}, which verifies tokens with a public key, but neither JWT_PUBLIC_KEY nor JWKS_URL is set. ` +
    'Set one of them (e.g. JWKS_URL=https://auth.example.com/.well-known/jwks.json), or use HS256 with JWT_SECRET.';
  return [finding('inconsistent', 'error', message, valueRange(ctx, algEntry.entry), { key: 'JWT_ALGORITHM' })];
}

export const inconsistent: Rule = {
  id: 'inconsistent',
  description: 'Settings that contradict each other: pool bounds, slow-request threshold vs timeout, JWT algorithm vs key material, Redis topology (one at a time; Sentinel master name; TLS and password in production).',
  semantic: true,
  catalog: true,
  check(ctx) {
    return [...poolBounds(ctx), ...slowBelowTimeout(ctx), ...jwtKeyMaterial(ctx), ...redisTopology(ctx)];
  },
};
