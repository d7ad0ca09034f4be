// Which rules a file gets (config.md "Files and profiles", docs/rules.md#schemas): the M1 catalog's
// only for M1 configs, the generic ones for every other .env. Most files a user opens are not M1's,
// and judging `PORT=:8888` or `DATABASE_URL=mysql://…` by M1's catalog is noise that fails their CI.
import type { ParsedEnv } from '../parser/types';

export type Schema = 'm1' | 'generic';

/** Why the file got its schema: shown by the CLI, the status bar and the JSON report. */
export type SchemaSource = 'explicit' | 'declared' | 'M1-variable' | 'example-M1-variable' | 'default';

export interface SchemaDecision {
  schema: Schema;
  source: SchemaSource;
  /** One short phrase for people: "sets M1_API_BASE_URL", "no M1_* variable", … */
  reason: string;
}

export interface SchemaInput {
  /** `--schema` or `m1ops.validation.schema` when not `auto`. */
  explicit?: Schema;
  /** The file matches `m1ops.validation.m1Files`. */
  declared?: boolean;
  /** The example sibling, when there is one: a `.env.local` beside an M1 `.env.example` is an M1 config too. */
  example?: ParsedEnv;
}

const M1_KEY = /^M1_/i;
export const NO_M1_VARIABLE = 'no M1_* variable';

function firstM1Key(parsed: ParsedEnv): string | undefined {
  return parsed.entries.find((e) => M1_KEY.test(e.key))?.key;
}

export function resolveSchema(parsed: ParsedEnv, input: SchemaInput = {}): SchemaDecision {
  if (input.explicit) return { schema: input.explicit, source: 'explicit', reason: `chosen explicitly (${input.explicit})` };
  if (input.declared) return { schema: 'm1', source: 'declared', reason: 'listed in m1ops.validation.m1Files' };
  const own = firstM1Key(parsed);
  if (own) return { schema: 'm1', source: 'M1-variable', reason: `sets ${own}` };
  const fromExample = input.example && firstM1Key(input.example);
  if (fromExample) return { schema: 'm1', source: 'example-M1-variable', reason: `its example file sets ${fromExample}` };
  return { schema: 'generic', source: 'default', reason: NO_M1_VARIABLE };
}
