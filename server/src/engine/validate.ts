// STUB (owned by the engine work): validate one document.
import type { Finding } from '../../../shared/src/findings';
import type { Profile } from '../../../shared/src/profiles';
import type { ParsedEnv } from '../parser/types';
import type { RuleContext, RuleLevels } from './types';

export interface ValidateOptions {
  /** Path or base name; the base name decides the profile suffix and whether the file is an example. */
  fileName: string;
  /** Explicit profile (setting or --profile); wins over everything else. */
  profile?: Profile;
  /** Text of the `.env.example` (or .sample/.template) sibling, when there is one. */
  exampleText?: string;
  ruleLevels?: RuleLevels;
}

export type ProfileSource = 'explicit' | 'file-name' | 'NODE_ENV' | 'default';

export interface ValidationResult {
  profile: Profile;
  profileSource: ProfileSource;
  parsed: ParsedEnv;
  ctx: RuleContext;
  /** Sorted by position; suppressions and level overrides applied. */
  findings: Finding[];
}

export function validate(_text: string, _opts: ValidateOptions): ValidationResult {
  throw new Error('validate: not implemented yet');
}
