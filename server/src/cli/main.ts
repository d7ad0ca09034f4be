// The `m1-ops` binary (bundled to dist/cli.js, started by bin/m1-ops.js). Dispatches to the
// subcommands and guarantees the contract of every command: one-line errors (`m1-ops: <message>`),
// exit code 2 for usage and I/O errors, never a stack trace (M1_OPS_DEBUG=1 prints it), and the
// process ends when the command is done, whatever a driver left open.
import { runToken } from './token/index';
import { CliError, EXIT_OK, EXIT_USAGE_OR_IO, UsageError, errorMessage } from './errors';
import { MAIN_HELP } from './help';
import { runParse } from './parse/command';
import { runMigrateLazily, runServeLazily } from './serve';
import { runValidate } from './validate/command';
import { VERSION } from './version';

async function dispatch(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate':
      return runValidate(rest);
    case 'parse':
      return runParse(rest);
    case 'serve':
      return runServeLazily(rest);
    case 'migrate':
      return runMigrateLazily(rest);
    case 'token':
      return runToken(rest);
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(MAIN_HELP);
      return EXIT_OK;
    case '-v':
    case '--version':
      process.stdout.write(`${VERSION}\n`);
      return EXIT_OK;
    case undefined:
      process.stderr.write(MAIN_HELP);
      return EXIT_USAGE_OR_IO;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

function report(e: unknown): void {
  const hint = e instanceof UsageError ? ' (see m1-ops --help)' : '';
  process.stderr.write(`m1-ops: ${errorMessage(e)}${hint}\n`);
  if (!(e instanceof CliError) && process.env.M1_OPS_DEBUG === '1' && e instanceof Error) process.stderr.write(`${e.stack ?? ''}\n`);
}

/** Exit once both streams have flushed (pipes may be asynchronous). */
function exitAfterFlush(code: number): void {
  let pending = 2;
  const done = (): void => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

// `m1-ops validate | head`: a closed pipe is the reader's choice, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_OK);
  report(new CliError(`cannot write the output: ${e.message}`));
  process.exit(EXIT_USAGE_OR_IO);
});

// Last resort for errors thrown outside the awaited chain (event handlers of drivers).
const fatal = (e: unknown): void => {
  report(e);
  process.exit(EXIT_USAGE_OR_IO);
};
process.on('uncaughtException', fatal);
process.on('unhandledRejection', fatal);

dispatch(process.argv.slice(2)).then(exitAfterFlush, (e: unknown) => {
  report(e);
  exitAfterFlush(EXIT_USAGE_OR_IO);
});
