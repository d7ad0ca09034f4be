// Errors the CLI reports as one line (`m1-ops: <message>`) with exit code 2: bad usage and I/O
// problems. Anything else that escapes is unexpected and handled by main.ts the same way.

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE_OR_IO = 2;

/** A problem the user can fix (bad path, unreadable file, ...): printed without a stack. */
export class CliError extends Error {
  override name = 'CliError';
}

/** Bad arguments; the message is followed by a hint to `--help`. */
export class UsageError extends CliError {
  override name = 'UsageError';
}

/** One line for an error, whatever was thrown. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message.split('\n')[0] ?? e.name;
  return String(e);
}
