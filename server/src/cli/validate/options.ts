// `validate` arguments: node:util parseArgs for the syntax, zod for the values.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { LevelSchema, type Level } from '../../../../shared/src/findings';
import { ProfileSchema, type Profile } from '../../../../shared/src/profiles';
import { DIALECT_CHOICES, SCHEMA_CHOICES, type DialectChoice, type SchemaChoice } from '../../../../shared/src/settings';
import { UsageError } from '../errors';

export const FORMATS = ['text', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export interface ValidateArgs {
  paths: string[];
  profile?: Profile;
  schema: SchemaChoice;
  dialect: DialectChoice;
  format: Format;
  failOn: Level;
  connectivity: boolean;
  fix: boolean;
  help: boolean;
}

function oneOf<T extends string>(schema: z.ZodType<T>, flag: string, value: string, allowed: readonly string[]): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
  return r.data;
}

/** Throws UsageError for unknown options, missing values and values out of their lists. */
export function parseValidateArgs(args: string[]): ValidateArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        profile: { type: 'string' },
        schema: { type: 'string' },
        dialect: { type: 'string' },
        format: { type: 'string' },
        'fail-on': { type: 'string' },
        connectivity: { type: 'boolean' },
        fix: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const v = parsed.values;
  const out: ValidateArgs = {
    paths: parsed.positionals.length > 0 ? parsed.positionals : ['.'],
    schema: v.schema === undefined ? 'auto' : oneOf(z.enum(SCHEMA_CHOICES), '--schema', v.schema, SCHEMA_CHOICES),
    dialect: v.dialect === undefined ? 'auto' : oneOf(z.enum(DIALECT_CHOICES), '--dialect', v.dialect, DIALECT_CHOICES),
    format: v.format === undefined ? 'text' : oneOf(z.enum(FORMATS), '--format', v.format, FORMATS),
    failOn: v['fail-on'] === undefined ? 'error' : oneOf(LevelSchema, '--fail-on', v['fail-on'], LevelSchema.options),
    connectivity: v.connectivity === true,
    fix: v.fix === true,
    help: v.help === true,
  };
  if (v.profile !== undefined) out.profile = oneOf(ProfileSchema, '--profile', v.profile, ProfileSchema.options);
  return out;
}
