// The crash boundary around every handler: an exception (or a rejected promise) becomes one line
// in the client's output (connection.console.error) and a neutral answer; it never reaches the
// user as a stack trace and never takes the server down.
import type { CancellationToken } from 'vscode-languageserver';
import { describeError } from '../services/errors';

export interface Log {
  error(message: string): void;
  info(message: string): void;
}

/** A request handler that answers `fallback` when it fails. */
export function guardRequest<P, R>(
  log: Log,
  name: string,
  fallback: R,
  fn: (params: P, token: CancellationToken) => R | Promise<R>,
): (params: P, token: CancellationToken) => Promise<R> {
  return async (params, token) => {
    try {
      return await fn(params, token);
    } catch (e) {
      log.error(`${name} failed: ${describeError(e)}`);
      return fallback;
    }
  };
}

/** A notification handler whose failures, synchronous or not, are logged and contained. */
export function guardNotification<P>(log: Log, name: string, fn: (params: P) => void | Promise<void>): (params: P) => void {
  return (params) => {
    try {
      const r = fn(params);
      if (r instanceof Promise) r.catch((e: unknown) => log.error(`${name} failed: ${describeError(e)}`));
    } catch (e) {
      log.error(`${name} failed: ${describeError(e)}`);
    }
  };
}

/** A promise nobody waits for (a notification sent, a refresh): its failure is logged, not thrown. */
export function detach(log: Log, what: string, p: Promise<unknown>): void {
  p.catch((e: unknown) => log.error(`${what} failed: ${describeError(e)}`));
}
