// --fix: applies the safe fixes, re-validates, and repeats while that changes something (a fix
// can reveal another, e.g. removing a blank line makes the file end differently), at most a few
// rounds. Writes only when the text changed, atomically, keeping the BOM and the file mode.
import type { RuleId } from '../../../../shared/src/rule-ids';
import type { ValidationResult } from '../../engine/validate';
import { CliError } from '../errors';
import { fsErrorText } from '../io/fs-errors';
import type { EnvFileText } from '../io/read-env-file';
import { writeFileAtomic } from '../io/write-atomic';
import { applySafeFixes } from './apply';

const MAX_ROUNDS = 5;

export interface FixOutcome {
  result: ValidationResult;
  /** One rule id per finding that was fixed. */
  fixed: RuleId[];
}

export async function fixFile(file: string, input: EnvFileText, first: ValidationResult, revalidate: (text: string) => ValidationResult): Promise<FixOutcome> {
  let result = first;
  let text = input.text;
  const fixed: RuleId[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const step = applySafeFixes(text, result.findings);
    if (step.text === text) break;
    text = step.text;
    fixed.push(...step.fixed);
    result = revalidate(text);
  }
  if (text !== input.text) {
    try {
      await writeFileAtomic(file, (input.bom ? '\uFEFF' : '') + text, input.mode);
    } catch (e) {
      throw new CliError(`${file}: cannot write the fixes: ${fsErrorText(e)}`);
    }
  }
  return { result, fixed };
}
