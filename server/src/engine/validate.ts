// validate(): one document in, sorted findings out. Parse once, build the context once, run every
// rule on it (rules share precomputed views of the context), then suppression, levels and order.
import type { Finding } from '../../../shared/src/findings';
import type { Profile } from '../../../shared/src/profiles';
import type { Dialect } from '../parser/dialect';
import { parseEnv } from '../parser/parse';
import type { ParsedEnv } from '../parser/types';
import { ALL_RULES } from '../rules';
import { buildContext, isExampleFile } from './context';
import { finalizeFindings } from './finalize';
import { resolveProfile, type ProfileSource } from './profile';
import { runRules, selectRules, type RuleFailure } from './run-rules';
import { resolveSchema, type Schema, type SchemaDecision } from './schema';
import type { Rule, RuleContext, RuleLevels } from './types';

export { finalizeFindings, type FinalizeOptions } from './finalize';
export type { ProfileSource } from './profile';
export type { RuleFailure } from './run-rules';
export type { Schema, SchemaDecision, SchemaSource } from './schema';

/** Why an M1 config is read as node although its neighbours suggest another reader. */
export const M1_READS_WITH_DOTENV = 'an M1 config: the M1 service reads it with dotenv';

export interface ValidateOptions {
  /** Path or base name; the base name decides the profile suffix and whether the file is an example. */
  fileName: string;
  /** Explicit profile (setting or --profile); wins over everything else. */
  profile?: Profile;
  /** Text of the `.env.example` (or .sample/.template) sibling, when there is one. */
  exampleText?: string;
  ruleLevels?: RuleLevels;
  /** The rules to run; all of them (rules/index.ts) by default. */
  rules?: readonly Rule[];
  /** `--schema` / `m1ops.validation.schema` when not `auto`: every file is (or is not) an M1 config. */
  schema?: Schema;
  /** The file matches `m1ops.validation.m1Files`: an M1 config whatever it sets. */
  declaredM1?: boolean;
  /** The reader the file is written for (engine/dialect.ts decides it from the neighbours); node by default. */
  dialect?: Dialect;
  /**
   * The dialect was chosen by the user (--dialect, setting). Otherwise an M1 config is read as node
   * whatever its neighbours: the M1 service loads it with dotenv, so its traps stay findings.
   */
  dialectExplicit?: boolean;
}

export interface ValidationResult {
  profile: Profile;
  profileSource: ProfileSource;
  /** M1 config or not, and why. */
  schema: SchemaDecision;
  dialect: Dialect;
  parsed: ParsedEnv;
  ctx: RuleContext;
  /** Sorted by position; suppressions and level overrides applied. */
  findings: Finding[];
  /** Rules that threw (each also reported as an error finding). Empty normally. */
  ruleErrors: RuleFailure[];
}

export function validate(text: string, opts: ValidateOptions): ValidationResult {
  const parsed = parseEnv(text);
  const { profile, source } = resolveProfile(opts.fileName, parsed, opts.profile);
  // An example file is the reference of the sync rules, never compared with one.
  const example = opts.exampleText !== undefined && !isExampleFile(opts.fileName) ? parseEnv(opts.exampleText) : undefined;
  const schema = resolveSchema(parsed, {
    ...(opts.schema ? { explicit: opts.schema } : {}),
    ...(opts.declaredM1 ? { declared: true } : {}),
    ...(opts.exampleText !== undefined ? { example: example ?? parseEnv(opts.exampleText) } : {}),
  });
  const dialect = schema.schema === 'm1' && !opts.dialectExplicit ? 'node' : (opts.dialect ?? 'node');
  const ctx = buildContext({ parsed, fileName: opts.fileName, profile, schema: schema.schema, dialect, ...(example ? { example } : {}) });
  const rules = selectRules(opts.rules ?? ALL_RULES, ctx, opts.ruleLevels);
  const { findings, failures } = runRules(rules, ctx);
  return {
    profile,
    profileSource: source,
    schema,
    dialect,
    parsed,
    ctx,
    findings: finalizeFindings(findings, ctx, opts.ruleLevels ? { ruleLevels: opts.ruleLevels } : {}),
    ruleErrors: failures,
  };
}
