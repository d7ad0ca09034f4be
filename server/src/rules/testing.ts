// Test helper: run one rule on a document text, as the engine would (no suppression, no level overrides).
import type { Finding } from '../../../shared/src/findings';
import type { Profile } from '../../../shared/src/profiles';
import { buildContext } from '../engine/context';
import type { Schema } from '../engine/schema';
import type { Rule } from '../engine/types';
import type { Dialect } from '../parser/dialect';
import { parseEnv } from '../parser/parse';

export interface RunRuleOptions {
  profile?: Profile;
  fileName?: string;
  exampleText?: string;
  /** `m1` by default (the rule tests' world). */
  schema?: Schema;
  dialect?: Dialect;
}

export function runRule(rule: Rule, text: string, opts: RunRuleOptions = {}): Finding[] {
  const parsed = parseEnv(text);
  const ctx = buildContext({
    parsed,
    fileName: opts.fileName ?? '.env',
    profile: opts.profile ?? 'development',
    ...(opts.schema ? { schema: opts.schema } : {}),
    ...(opts.dialect ? { dialect: opts.dialect } : {}),
    ...(opts.exampleText !== undefined ? { example: parseEnv(opts.exampleText) } : {}),
  });
  return rule.check(ctx);
}
