// Builds the RuleContext that every rule receives.
import { isProductionLike, type Profile } from '../../../shared/src/profiles';
import { expandEnv } from '../parser/expand';
import type { EnvEntry, ParsedEnv } from '../parser/types';
import type { RuleContext } from './types';

const EXAMPLE_FILE = /^\.env\.(example|sample|template)$|\.(example|sample|template)\.env$/i;

export function isExampleFile(fileName: string): boolean {
  return EXAMPLE_FILE.test(baseName(fileName));
}

export function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i < 0 ? path : path.slice(i + 1);
}

export interface ContextInput {
  parsed: ParsedEnv;
  fileName: string;
  profile: Profile;
  example?: ParsedEnv;
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
    expanded: expandEnv(input.parsed.values),
    effective,
    range: (span) => input.parsed.lineIndex.rangeOf(span),
  };
  if (input.example) ctx.example = input.example;
  return ctx;
}
