// Validates one file: read it safely, pair it with its example sibling, run the engine, then
// --fix and the optional connectivity checks. Returns the report, or throws a CliError for I/O
// problems (and for an engine failure, so that one bad file never hides the others' results).
import type { Finding } from '../../../../shared/src/findings';
import type { Profile } from '../../../../shared/src/profiles';
import { detectDialect } from '../../engine/dialect';
import { findExampleSibling } from '../../engine/example';
import type { Schema } from '../../engine/schema';
import type { Dialect } from '../../parser/dialect';
import { M1_READS_WITH_DOTENV, validate, type ValidateOptions, type ValidationResult } from '../../engine/validate';
import { CliError, errorMessage } from '../errors';
import type { FileReport } from '../format/report';
import { readEnvFile } from '../io/read-env-file';
import { fixFile } from './fix';

export interface CheckOptions {
  profile?: Profile;
  /** --schema when not auto. */
  schema?: Schema;
  /** --dialect when not auto. */
  dialect?: Dialect;
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
  const dialect = detectDialect(file, opts.dialect);
  const validateOpts: ValidateOptions = {
    fileName: file,
    dialect: dialect.dialect,
    ...(dialect.source === 'explicit' ? { dialectExplicit: true } : {}),
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(opts.schema ? { schema: opts.schema } : {}),
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
  // Connectivity checks follow the catalog's meaning of REDIS_URL, DATABASE_URL, …: M1 configs only.
  if (opts.connectivity && !result.ctx.isExample && result.schema.schema === 'm1') {
    const { checkConnectivity } = await import('../../connectivity/index');
    findings.push(...(await checkConnectivity(result.ctx)));
    findings.sort(byPosition);
  }
  return {
    path: file,
    profile: result.profile,
    schema: result.schema.schema,
    schemaReason: result.schema.reason,
    dialect: result.dialect,
    dialectReason: result.dialect === dialect.dialect ? dialect.reason : M1_READS_WITH_DOTENV,
    findings,
    ...(fixed ? { fixed } : {}),
  };
}
