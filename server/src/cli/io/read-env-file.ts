// Reads an env file defensively: the CLI meets binary files, huge files, FIFOs and odd encodings
// in the wild and must answer each with one clear line, never a hang or a stack trace.
//
// Decisions (documented in the CLI help and BENCHMARKS.md):
// - Size limit 10 MB: a real .env is a few KB; larger files are refused (exit 2) before reading.
// - Only regular files are read: a FIFO or device would block or never end.
// - NUL bytes mean binary (or UTF-16, which gets its own hint): refused.
// - Invalid UTF-8 is decoded with U+FFFD replacements, as dotenv's `readFileSync(..., 'utf8')`
//   would read it, and flagged so the caller warns and never rewrites such a file (--fix would
//   destroy the original bytes).
// - A UTF-8 BOM is stripped before validation (dotenv itself skips it: `\s` matches U+FEFF), so
//   columns on line 1 match what the editor shows; it is restored when --fix writes the file.
import { readFile, stat } from 'node:fs/promises';
import { CliError } from '../errors';
import { fsErrorText } from './fs-errors';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
const BOM = '\uFEFF';

export interface EnvFileText {
  text: string;
  /** The file started with a UTF-8 byte order mark (removed from `text`). */
  bom: boolean;
  /** False when some bytes were not UTF-8 and were replaced with U+FFFD. */
  validUtf8: boolean;
  /** Permission bits, kept when the file is rewritten. */
  mode: number;
}

function megabytes(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

export async function readEnvFile(path: string): Promise<EnvFileText> {
  const fail = (why: string): CliError => new CliError(`${path}: ${why}`);
  let info;
  try {
    info = await stat(path);
  } catch (e) {
    throw fail(fsErrorText(e));
  }
  if (info.isDirectory()) throw fail('is a directory');
  if (!info.isFile()) throw fail('not a regular file (a FIFO, socket or device is never read)');
  if (info.size > MAX_FILE_BYTES) throw fail(`too large (${megabytes(info.size)}; the limit is ${megabytes(MAX_FILE_BYTES)}): not an env file?`);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw fail(fsErrorText(e));
  }
  if (bytes.length > MAX_FILE_BYTES) throw fail(`too large (grew to ${megabytes(bytes.length)} while being read)`);
  return { ...decode(bytes, fail), mode: info.mode & 0o7777 };
}

/** Bytes to text, or a CliError for binary content. Exported for unit tests. */
export function decode(bytes: Uint8Array, fail: (why: string) => Error = (why) => new CliError(why)): Omit<EnvFileText, 'mode'> {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw fail('UTF-16 encoded; save it as UTF-8 (dotenv reads UTF-8 only)');
  }
  if (bytes.includes(0)) throw fail('binary file (contains NUL bytes); not an env file');
  let text: string;
  let validUtf8 = true;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    validUtf8 = false;
    text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
  }
  const bom = text.startsWith(BOM);
  return { text: bom ? text.slice(1) : text, bom, validUtf8 };
}
