// The rule contract. A rule knows only the parsed document and the profile; it returns plain
// findings (shared/src/findings.ts) with their fixes as data. One rule per file under server/src/rules/.
import type { Finding, Level, Range } from '../../../shared/src/findings';
import type { Profile } from '../../../shared/src/profiles';
import type { RuleId } from '../../../shared/src/rule-ids';
import type { Dialect } from '../parser/dialect';
import type { EnvEntry, ParsedEnv, Span } from '../parser/types';
import type { Schema } from './schema';

export interface RuleContext {
  parsed: ParsedEnv;
  /** Base name of the file, e.g. `.env.production`. */
  fileName: string;
  profile: Profile;
  /** staging or production. */
  prodLike: boolean;
  /** `.env.example` / `.env.sample` / `.env.template`: lint-only, no required-variable rules. */
  isExample: boolean;
  /** `m1`: an M1 config, judged by the catalog; `generic`: any other .env (catalog rules do not run). */
  schema: Schema;
  /** The reader the file is written for (references, comments). */
  dialect: Dialect;
  /** The parsed example sibling, when there is one (example-sync rules). */
  example?: ParsedEnv;
  /** Values after interpolation (dotenv-expand's, with the dialect's literal values kept; no process environment). */
  expanded: Record<string, string>;
  /** The entry dotenv uses for each key (the last one). */
  effective: Map<string, EnvEntry>;
  range(span: Span): Range;
}

export interface Rule {
  id: RuleId;
  /** One line: what the rule checks (docs, SARIF rule description). */
  description: string;
  /** `unordered-key` is off unless enabled by settings. */
  defaultOff?: boolean;
  /**
   * Checks what values mean (types, security, profile, required keys) rather than how the file is
   * written. Example files (.env.example, ...) are lint-only, so the engine skips semantic rules there.
   */
  semantic?: boolean;
  /**
   * Judges names by the M1 catalog (required variables, types, M1's meaning of DEBUG or REDIS_URL):
   * runs only on M1 configs (docs/rules.md#schemas).
   */
  catalog?: boolean;
  check(ctx: RuleContext): Finding[];
}

/** Per-rule level override or `off`, from settings / CLI. */
export type RuleLevels = Partial<Record<RuleId, Level | 'off'>>;
