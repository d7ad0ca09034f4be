// Validates one file: read it safely, pair it with its example sibling, run the engine, then the
// optional connectivity checks and --fix. Returns the report, or throws a CliError for I/O problems.
import type { Finding } from '../../../../shared/src/findings';
import type { Profile } from '../../../../shared/src/profiles';
import { validate, type ValidationResult } from '../../engine/validate';
import { CliError, errorMessage } from '../errors';
import type { FileReport } from '../format/report';
import { readEnvFile, type EnvFileText } from '../io/read-env-file';
import { exampleSiblingOf } from './example-sibling';
import { fixFile } from './fix';

export interface CheckOptions {
  profile?: Profile;
  connectivity: boolean;
  fix: boolean;
  /** For non-fatal notes (invalid UTF-8, unusable example sibling). */
  warn(message: string): void;
  /** Example texts by path, shared by the files of one directory. */
  exampleCache: Map<string, string | null>;
}

async function exampleText(file: string, opts: CheckOptions): Promise<string | undefined> {
  const sibling = exampleSiblingOf(file);
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

export function runEngine(text: string, file: string, profile: Profile | undefined, example: string | undefined): ValidationResult {
  try {
    return validate(text, {
      fileName: file,
      ...(profile ? { profile } : {}),
      ...(example !== undefined ? { exampleText: example } : {}),
    });
  } catch (e) {
    // An engine bug must not hide the other files' results: this file fails with exit code 2.
    throw new CliError(`${file}: cannot validate: ${errorMessage(e)}`);
  }
}

function byPosition(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

export async function checkFile(file: string, opts: CheckOptions): Promise<FileReport> {
  const input: EnvFileText = await readEnvFile(file);
  if (!input.validUtf8) opts.warn(`${file}: not valid UTF-8; invalid bytes read as U+FFFD (as dotenv reads them)${opts.fix ? '; not fixed' : ''}`);
  const example = await exampleText(file, opts);
  let result = runEngine(input.text, file, opts.profile, example);
  let fixed: FileReport['fixed'];
  if (opts.fix && input.validUtf8) {
    const outcome = await fixFile(file, input, result, (text) => runEngine(text, file, opts.profile, example));
    result = outcome.result;
    fixed = outcome.fixed;
  }
  const findings = [...result.findings];
  if (opts.connectivity && !result.ctx.isExample) {
    const { checkConnectivity } = await import('../../connectivity/index');
    findings.push(...(await checkConnectivity(result.ctx)));
    findings.sort(byPosition);
  }
  return { path: file, profile: result.profile, findings, ...(fixed ? { fixed } : {}) };
}
