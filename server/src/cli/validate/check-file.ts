// Validates one file: read it safely, pair it with its example sibling, run the engine, then
// --fix and the optional connectivity checks. Returns the report, or throws a CliError for I/O
// problems (and for an engine failure, so that one bad file never hides the others' results).
import type { Finding } from '../../../../shared/src/findings';
import type { Profile } from '../../../../shared/src/profiles';
import { findExampleSibling } from '../../engine/example';
import { validate, type ValidateOptions, type ValidationResult } from '../../engine/validate';
import { CliError, errorMessage } from '../errors';
import type { FileReport } from '../format/report';
import { readEnvFile } from '../io/read-env-file';
import { fixFile } from './fix';

export interface CheckOptions {
  profile?: Profile;
  connectivity: boolean;
  fix: boolean;
  /** For non-fatal notes (invalid UTF-8, unusable example sibling). */
  warn(message: string): void;
  /** Example texts by path, read once for all the files of a directory. */
  exampleCache: Map<string, string | null>;
}

async function exampleText(file: string, opts: CheckOptions): Promise<string | undefined> {
  const sibling = findExampleSibling(file);
  if (!sibling) return undefined;
  if (!opts.exampleCache.has(sibling)) {
    try {
      opts.exampleCache.set(sibling, (await readEnvFile(sibling)).text);
    } catch (e) {
      opts.warn(`${errorMessage(e)} (example sibling of ${file}; example-sync rules skipped)`);
      opts.exampleCache.set(sibling, null);
    }
  }
  return opts.exampleCache.get(sibling) ?? undefined;
}

function guarded<T>(file: string, work: () => T): T {
  try {
    return work();
  } catch (e) {
    throw new CliError(`${file}: cannot validate: ${errorMessage(e)}`);
  }
}

async function guardedAsync<T>(file: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`${file}: cannot validate: ${errorMessage(e)}`);
  }
}

function byPosition(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

export async function checkFile(file: string, opts: CheckOptions): Promise<FileReport> {
  const input = await readEnvFile(file);
  if (!input.validUtf8) opts.warn(`${file}: not valid UTF-8; invalid bytes read as U+FFFD (as dotenv reads them)${opts.fix ? '; not fixed' : ''}`);
  const example = await exampleText(file, opts);
  const validateOpts: ValidateOptions = {
    fileName: file,
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(example !== undefined ? { exampleText: example } : {}),
  };
  let text = input.text;
  let fixed: FileReport['fixed'];
  // A file that is not valid UTF-8 is never rewritten: writing the decoded text would replace
  // the original bytes with U+FFFD for good.
  if (opts.fix && input.validUtf8) {
    const outcome = await guardedAsync(file, () => fixFile(file, input, validateOpts));
    text = outcome.text;
    fixed = outcome.fixed;
  }
  const result: ValidationResult = guarded(file, () => validate(text, validateOpts));
  const findings = [...result.findings];
  if (opts.connectivity && !result.ctx.isExample) {
    const { checkConnectivity } = await import('../../connectivity/index');
    findings.push(...(await checkConnectivity(result.ctx)));
    findings.sort(byPosition);
  }
  return { path: file, profile: result.profile, findings, ...(fixed ? { fixed } : {}) };
}
