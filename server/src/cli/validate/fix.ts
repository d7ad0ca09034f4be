// --fix: the engine's fixAll() (the same edits as the language server's "Fix all M1 issues")
// applies every safe fix, re-validating between rounds. The file is written only when the text
// changed, atomically, with its BOM and permission bits kept.
import type { RuleId } from '../../../../shared/src/rule-ids';
import { fixAll } from '../../engine/apply-fixes';
import type { ValidateOptions } from '../../engine/validate';
import { CliError } from '../errors';
import { fsErrorText } from '../io/fs-errors';
import type { EnvFileText } from '../io/read-env-file';
import { writeFileAtomic } from '../io/write-atomic';

export interface FixOutcome {
  /** The text after the fixes (the input text when nothing applied). */
  text: string;
  /** One rule id per finding that was fixed. */
  fixed: RuleId[];
}

export async function fixFile(file: string, input: EnvFileText, opts: ValidateOptions): Promise<FixOutcome> {
  const { text, applied } = fixAll(input.text, opts);
  if (text !== input.text) {
    try {
      await writeFileAtomic(file, (input.bom ? '\uFEFF' : '') + text, input.mode);
    } catch (e) {
      throw new CliError(`${file}: cannot write the fixes: ${fsErrorText(e)}`);
    }
  }
  return { text, fixed: applied.map((a) => a.rule) };
}
