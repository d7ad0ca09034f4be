// STUB (owned by the parser work): replaced by the real parser.
import type { ParsedEnv } from './types';

export function parseEnv(_text: string): ParsedEnv {
  throw new Error('parseEnv: not implemented yet');
}
