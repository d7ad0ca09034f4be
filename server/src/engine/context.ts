// Builds the RuleContext that every rule receives.
import { isProductionLike, type Profile } from '../../../shared/src/profiles';
import { expandsEntry, type Dialect } from '../parser/dialect';
import { expandEnv } from '../parser/expand';
import type { EnvEntry, ParsedEnv } from '../parser/types';
import type { Schema } from './schema';
import type { RuleContext } from './types';

import { baseName, isExampleFile } from './example-names';

export { baseName, isExampleFile };

export interface ContextInput {
  parsed: ParsedEnv;
  fileName: string;
  profile: Profile;
  /** Default `m1` (the rule tests' world); validate() decides it per file. */
  schema?: Schema;
  dialect?: Dialect;
  example?: ParsedEnv;
}

/**
 * dotenv-expand's values, except that values the dialect's reader takes literally stay as they are
 * (their `$` escaped for the expansion, which unescapes `\$`), Compose's `$$` is one `$`, and PHP's bare
 * `$NAME` stays literal.
 */
function expandedValues(parsed: ParsedEnv, dialect: Dialect): Record<string, string> {
  if (dialect === 'node') return expandEnv(parsed.values);
  const literal = new Set(parsed.entries.filter((e) => !e.overridden && !expandsEntry(e, dialect)).map((e) => e.key));
  const input = Object.create(null) as Record<string, string>;
  for (const [k, v] of Object.entries(parsed.values)) {
    let value = literal.has(k) ? v.replace(/\$/g, '\\$') : v;
    if (dialect === 'compose' && !literal.has(k)) value = value.replace(/\$\$/g, '\\$');
    // phpdotenv expands only `${NAME}`: a bare `$` is literal (parser/dialect.ts).
    if (dialect === 'php' && !literal.has(k)) value = value.replace(/(?<!\\)\$(?!\{)/g, '\\$');
    input[k] = value;
  }
  return expandEnv(input);
}

export function buildContext(input: ContextInput): RuleContext {
  const effective = new Map<string, EnvEntry>();
  for (const e of input.parsed.entries) effective.set(e.key, e); // last wins, as in dotenv
  const ctx: RuleContext = {
    parsed: input.parsed,
    fileName: baseName(input.fileName),
    profile: input.profile,
    prodLike: isProductionLike(input.profile),
    isExample: isExampleFile(input.fileName),
    schema: input.schema ?? 'm1',
    dialect: input.dialect ?? 'node',
    expanded: expandedValues(input.parsed, input.dialect ?? 'node'),
    effective,
    range: (span) => input.parsed.lineIndex.rangeOf(span),
  };
  if (input.example) ctx.example = input.example;
  return ctx;
}
