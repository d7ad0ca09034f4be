// `m1-ops validate`: collect the files, check each, print one report, exit 0 / 1 / 2.
import { LEVEL_RANK, type Level } from '../../../../shared/src/findings';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE_OR_IO, CliError, errorMessage } from '../errors';
import { palette, useColor } from '../format/colors';
import { formatJson } from '../format/json';
import type { FileReport } from '../format/report';
import { describeRule } from '../format/rule-descriptions';
import { formatSarif } from '../format/sarif';
import { formatText } from '../format/text';
import { VALIDATE_HELP } from '../help';
import { collectFiles } from '../io/collect';
import { VERSION } from '../version';
import { checkFile } from './check-file';
import { parseValidateArgs, type ValidateArgs } from './options';
import { progress } from './progress';

function reaches(files: readonly FileReport[], failOn: Level): boolean {
  return files.some((f) => f.findings.some((x) => LEVEL_RANK[x.level] >= LEVEL_RANK[failOn]));
}

function render(files: FileReport[], args: ValidateArgs): string {
  switch (args.format) {
    case 'json':
      return formatJson(files);
    case 'sarif':
      return formatSarif(files, { version: VERSION, cwd: process.cwd(), describe: describeRule });
    case 'text':
      return formatText(files, { color: palette(useColor(process.stdout.isTTY, process.env)), checked: files.length });
  }
}

export async function runValidate(argv: string[]): Promise<number> {
  const args = parseValidateArgs(argv);
  if (args.help) {
    process.stdout.write(VALIDATE_HELP);
    return EXIT_OK;
  }
  const stderr = (line: string): void => {
    process.stderr.write(`m1-ops: ${line}\n`);
  };
  const collected = await collectFiles(args.paths);
  let failed = collected.errors.length > 0;
  collected.errors.forEach(stderr);
  if (collected.files.length === 0 && !failed) {
    throw new CliError(`no env files (.env, .env.*, *.env) found in ${args.paths.join(', ')}`);
  }
  const reports: FileReport[] = [];
  const bar = progress(collected.files.length, process.stderr);
  const exampleCache = new Map<string, string | null>();
  const checkOpts = {
    connectivity: args.connectivity,
    fix: args.fix,
    exampleCache,
    warn: stderr,
    ...(args.profile ? { profile: args.profile } : {}),
    ...(args.schema !== 'auto' ? { schema: args.schema } : {}),
    ...(args.dialect !== 'auto' ? { dialect: args.dialect } : {}),
  };
  for (const [i, file] of collected.files.entries()) {
    bar.tick(i, file);
    try {
      reports.push(await checkFile(file, checkOpts));
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      failed = true;
      bar.end();
      stderr(errorMessage(e));
    }
  }
  bar.end();
  // Nothing was checked (every file failed): the error lines say it all, except to a machine
  // reader, which always gets a well-formed document.
  if (reports.length > 0 || args.format !== 'text') process.stdout.write(render(reports, args));
  // The text report lists fixes itself; JSON and SARIF describe what is left, so say it aside.
  const fixed = reports.reduce((n, r) => n + (r.fixed?.length ?? 0), 0);
  if (args.format !== 'text' && fixed > 0) {
    stderr(`fixed ${fixed} problem${fixed === 1 ? '' : 's'} in ${reports.filter((r) => (r.fixed?.length ?? 0) > 0).length} file(s)`);
  }
  if (failed) return EXIT_USAGE_OR_IO;
  return reaches(reports, args.failOn) ? EXIT_FINDINGS : EXIT_OK;
}
