// STUB (owned by the parser work): dotenv-expand parity and reference positions.
import type { ParsedEnv, Reference } from './types';

/** Values as dotenv-expand's expand({ parsed: values, processEnv }) returns them. Never mutates its inputs. */
export function expandEnv(_values: Record<string, string>, _processEnv: Record<string, string> = {}): Record<string, string> {
  throw new Error('expandEnv: not implemented yet');
}

/** Every `$NAME` / `${NAME...}` reference in the document's (unquoted, double- or backtick-quoted) values. */
export function findReferences(_parsed: ParsedEnv): Reference[] {
  throw new Error('findReferences: not implemented yet');
}
