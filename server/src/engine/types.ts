// The rule contract. A rule knows only the parsed document and the profile; it returns plain
// findings (shared/src/findings.ts) with their fixes as data. One rule per file under server/src/rules/.
import type { Finding, Level, Range } from '../../../shared/src/findings';
import type { Profile } from '../../../shared/src/profiles';
import type { RuleId } from '../../../shared/src/rule-ids';
import type { EnvEntry, ParsedEnv, Span } from '../parser/types';

export interface RuleContext {
  parsed: ParsedEnv;
  /** Base name of the file, e.g. `.env.production`. */
  fileName: string;
  profile: Profile;
  /** staging or production. */
  prodLike: boolean;
  /** `.env.example` / `.env.sample` / `.env.template`: lint-only, no required-variable rules. */
  isExample: boolean;
  /** The parsed example sibling, when there is one (example-sync rules). */
  example?: ParsedEnv;
  /** Values after dotenv-expand interpolation (no process environment mixed in). */
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
  check(ctx: RuleContext): Finding[];
}

/** Per-rule level override or `off`, from settings / CLI. */
export type RuleLevels = Partial<Record<RuleId, Level | 'off'>>;
