// The start-up check (product.md: `m1-ops serve` runs the validator's catalog on the variables the
// service itself reads and refuses to start on a critical or error finding, printing them).
import type { Finding } from '../../../shared/src/findings';
import { LEVEL_RANK } from '../../../shared/src/findings';
import type { Profile } from '../../../shared/src/profiles';
import { validateEnvironment } from '../../../server/src/engine/environment';
import { SERVICE_ENV_KEYS } from '../config';

export interface EnvCheck {
  profile: Profile;
  /** critical and error findings: the service must not start. */
  blocking: Finding[];
  /** warning and info findings: printed, the service starts. */
  advisory: Finding[];
}

/** The application's keys: the service reads them for introspection only, so their absence is no
 * reason to refuse to start (application tokens are then simply never active); a weak one still is. */
const OPTIONAL_HERE = new Set(['JWT_SECRET', 'JWT_PUBLIC_KEY']);

export function checkEnvironment(env: Readonly<Record<string, string | undefined>>, profile?: Profile): EnvCheck {
  const r = validateEnvironment(env, { keys: SERVICE_ENV_KEYS, ...(profile ? { profile } : {}) });
  // Unset: nothing to judge (missing-required, or `inconsistent` "required because JWT_ALGORITHM is HS256").
  const findings = r.findings.filter((f) => !(f.key !== undefined && OPTIONAL_HERE.has(f.key) && (env[f.key] ?? '').trim() === ''));
  return {
    profile: r.profile,
    blocking: findings.filter((f) => LEVEL_RANK[f.level] >= LEVEL_RANK.error),
    advisory: findings.filter((f) => LEVEL_RANK[f.level] < LEVEL_RANK.error),
  };
}

/** One line per finding; messages never contain secret values (the engine guarantees it). */
export function formatFindings(findings: readonly Finding[]): string {
  return findings.map((f) => `  ${f.level.padEnd(8)} ${f.key ?? ''}: ${f.message} [${f.rule}]\n`).join('');
}
