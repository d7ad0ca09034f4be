// One validation of one document version: the engine's findings plus what the server keeps from
// the run (profile, the values the connectivity checks look at). Plain data: it crosses a thread.
import { z } from 'zod';
import type { Finding, Range } from '../../../../shared/src/findings';
import { LevelSchema } from '../../../../shared/src/findings';
import { ProfileSchema, type Profile } from '../../../../shared/src/profiles';
import { RuleIdSchema } from '../../../../shared/src/rule-ids';
import type { RuleContext, RuleLevels } from '../../engine/types';
import type { Schema } from '../../engine/schema';
import { M1_READS_WITH_DOTENV, validate, type ProfileSource, type ValidateOptions } from '../../engine/validate';
import { DIALECTS, type Dialect } from '../../parser/dialect';
import { FixSchema } from './diagnostics';

/** The variables checkConnectivity() reaches out to (config.md, "Connectivity"). */
export const CONNECTIVITY_KEYS = ['REDIS_URL', 'REDIS_CLUSTER_NODES', 'REDIS_SENTINELS', 'DATABASE_URL', 'M1_API_BASE_URL', 'M1_ANALYTICS_URL', 'JWKS_URL'] as const;

export interface ValidationInput {
  text: string;
  fileName: string;
  profile?: Profile;
  ruleLevels?: RuleLevels;
  exampleText?: string;
  /** `m1ops.validation.schema` when not auto. */
  schema?: Schema;
  /** The file matches `m1ops.validation.m1Files`. */
  declaredM1?: boolean;
  /** Decided on the main thread (it looks at the files beside the document). */
  dialect?: Dialect;
  dialectReason?: string;
  /** The user chose the dialect (setting), rather than the neighbours. */
  dialectExplicit?: boolean;
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
  schema: z.enum(['m1', 'generic']),
  schemaReason: z.string(),
  dialect: z.enum(DIALECTS),
  dialectReason: z.string(),
  targets: z.array(ConnectivityTargetSchema),
});

export interface ValidationOutput {
  findings: Finding[];
  profile: Profile;
  profileSource: ProfileSource;
  /** M1 config or not, and why (the status bar shows it). */
  schema: Schema;
  schemaReason: string;
  dialect: Dialect;
  dialectReason: string;
  /** The connectivity-relevant variables present, with their interpolated values. */
  targets: ConnectivityTarget[];
}

export function engineOptions(input: ValidationInput): ValidateOptions {
  const opts: ValidateOptions = { fileName: input.fileName };
  if (input.profile) opts.profile = input.profile;
  if (input.ruleLevels) opts.ruleLevels = input.ruleLevels;
  if (input.exampleText !== undefined) opts.exampleText = input.exampleText;
  if (input.schema) opts.schema = input.schema;
  if (input.declaredM1) opts.declaredM1 = true;
  if (input.dialect) opts.dialect = input.dialect;
  if (input.dialectExplicit) opts.dialectExplicit = true;
  return opts;
}

export function validateDocument(input: ValidationInput): ValidationOutput {
  const r = validate(input.text, engineOptions(input));
  return {
    findings: r.findings,
    profile: r.profile,
    profileSource: r.profileSource,
    schema: r.schema.schema,
    schemaReason: r.schema.reason,
    dialect: r.dialect,
    dialectReason: r.dialect !== (input.dialect ?? 'node') ? M1_READS_WITH_DOTENV : (input.dialectReason ?? 'default'),
    // Connectivity follows the catalog's meaning of REDIS_URL, DATABASE_URL, …: M1 configs only.
    targets: r.schema.schema === 'm1' ? connectivityTargets(r.ctx) : [],
  };
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
