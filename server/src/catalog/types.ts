// The shape of one catalog entry. The table itself is in variables.ts; format checks in formats.ts.
import type { z } from 'zod';
import type { Level } from '../../../shared/src/findings';
import type { RuleId } from '../../../shared/src/rule-ids';

export const GROUPS = ['deployment', 'api', 'security', 'revocation', 'redis', 'database', 'performance', 'monitoring'] as const;
export type Group = (typeof GROUPS)[number];

/** The value types of config.md's "type / allowed" column. */
export type VarType =
  | { kind: 'int'; min: number; max: number }
  | { kind: 'number'; min: number; max: number }
  | { kind: 'bool' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'duration' }
  | { kind: 'url'; schemes: readonly string[] }
  | { kind: 'secret' }
  | { kind: 'pem' }
  | { kind: 'path' }
  | { kind: 'semver' }
  | { kind: 'region' }
  | { kind: 'pattern'; pattern: RegExp; source: string }
  | { kind: 'host' }
  | { kind: 'origins' }
  | { kind: 'string' }
  /** DEBUG: a bool or a `debug` namespace list such as `m1:*,-m1:noisy`. */
  | { kind: 'debug' };

export type VarKind = VarType['kind'];

/**
 * When a variable must be present. `conditional` requirements depend on another variable (JWT_SECRET
 * on JWT_ALGORITHM) and are reported by `inconsistent`, not `missing-required`.
 */
export type Requirement =
  | { when: 'never' }
  /** `unless`: another way to give the same thing (REDIS_URL unless REDIS_CLUSTER_NODES or REDIS_SENTINELS). */
  | { when: 'always' | 'prod'; level: Level; unless?: readonly string[] }
  | { when: 'conditional'; condition: string };

/** A numeric "above X / below X: warning" threshold (`perf-threshold`); duration values compare in ms. */
export interface Threshold {
  op: '>' | '<';
  value: number;
  /** The threshold as a user writes it, when that differs from `value` (durations: `24h`). */
  shown?: string;
  /** Why crossing it is a problem and what to do, used in the finding's message. */
  why: string;
}

/** Parts of a URL value that are credentials: shown as `****` and never copied into messages. */
export type SecretUrlPart = 'password' | 'username';

export interface VariableSpec {
  name: string;
  group: Group;
  type: VarType;
  /** The value the application uses when the variable is unset, as written in a .env file. */
  default?: string;
  required: Requirement;
  /** A typical value, for messages and docs, when there is no default. Never a real credential. */
  example?: string;
  /** One or two sentences for hover and docs. */
  description: string;
  /** The whole value is a credential (JWT_SECRET, M1_ADMIN_JWT_SECRET): never shown anywhere. */
  secret?: true;
  /** URL credentials: REDIS_URL/DATABASE_URL passwords, the SENTRY_DSN key (its user name). */
  secretUrlParts?: readonly SecretUrlPart[];
  thresholds?: readonly Threshold[];
  /** Rules beyond type checking that look at this variable (config.md's last column). */
  rules: readonly RuleId[];
  /** config.md's "rules beyond type" column in words, for docs/catalog.md. */
  checks?: string;
  /** Type and format check (not the numeric range: that is `out-of-range`). Messages are "expected" phrases. */
  schema: z.ZodType<string, string>;
}
