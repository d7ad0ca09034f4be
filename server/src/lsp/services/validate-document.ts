// One validation of one document version: the engine's findings plus what the server keeps from
// the run (profile, the values the connectivity checks look at). Plain data: it crosses a thread.
import { z } from 'zod';
import type { Finding, Range } from '../../../../shared/src/findings';
import { LevelSchema } from '../../../../shared/src/findings';
import { ProfileSchema, type Profile } from '../../../../shared/src/profiles';
import { RuleIdSchema } from '../../../../shared/src/rule-ids';
import type { RuleContext, RuleLevels } from '../../engine/types';
import { validate, type ProfileSource, type ValidateOptions } from '../../engine/validate';
import { FixSchema } from './diagnostics';

/** The variables checkConnectivity() reaches out to (config.md, "Connectivity"). */
export const CONNECTIVITY_KEYS = ['REDIS_URL', 'REDIS_CLUSTER_NODES', 'REDIS_SENTINELS', 'DATABASE_URL', 'M1_API_BASE_URL', 'M1_ANALYTICS_URL', 'JWKS_URL'] as const;

export interface ValidationInput {
  text: string;
  fileName: string;
  profile?: Profile;
  ruleLevels?: RuleLevels;
  exampleText?: string;
}

const PositionSchema = z.object({ line: z.number(), character: z.number() });
const RangeSchema = z.object({ start: PositionSchema, end: PositionSchema });

export const FindingSchema = z.object({
  rule: RuleIdSchema,
  level: LevelSchema,
  message: z.string(),
  range: RangeSchema,
  key: z.string().optional(),
  fixes: z.array(FixSchema),
  unnecessary: z.boolean().optional(),
});

export const ConnectivityTargetSchema = z.object({ key: z.string(), value: z.string(), range: RangeSchema });
export type ConnectivityTarget = z.infer<typeof ConnectivityTargetSchema>;

export const ValidationOutputSchema = z.object({
  findings: z.array(FindingSchema),
  profile: ProfileSchema,
  profileSource: z.enum(['explicit', 'file-name', 'NODE_ENV', 'default']),
  targets: z.array(ConnectivityTargetSchema),
});

export interface ValidationOutput {
  findings: Finding[];
  profile: Profile;
  profileSource: ProfileSource;
  /** The connectivity-relevant variables present, with their interpolated values. */
  targets: ConnectivityTarget[];
}

export function engineOptions(input: ValidationInput): ValidateOptions {
  const opts: ValidateOptions = { fileName: input.fileName };
  if (input.profile) opts.profile = input.profile;
  if (input.ruleLevels) opts.ruleLevels = input.ruleLevels;
  if (input.exampleText !== undefined) opts.exampleText = input.exampleText;
  return opts;
}

export function validateDocument(input: ValidationInput): ValidationOutput {
  const r = validate(input.text, engineOptions(input));
  return { findings: r.findings, profile: r.profile, profileSource: r.profileSource, targets: connectivityTargets(r.ctx) };
}

export function connectivityTargets(ctx: RuleContext): ConnectivityTarget[] {
  const out: ConnectivityTarget[] = [];
  for (const key of CONNECTIVITY_KEYS) {
    const e = ctx.effective.get(key);
    if (!e) continue;
    const range: Range = ctx.range(e.rawSpan);
    out.push({ key, value: ctx.expanded[key] ?? e.value, range });
  }
  return out;
}

/** The engine's rule context for a document (what checkConnectivity() needs). */
export function validationContext(input: ValidationInput): RuleContext {
  return validate(input.text, engineOptions(input)).ctx;
}
