// `m1-ops parse FILE [--expand]`: what an app using dotenv would read from the file.
// Values come from dotenv's own parse() (and dotenv-expand's expand()), the reference this product
// promises parity with; the line of each key comes from our position-aware parser (the entry
// dotenv keeps: the last duplicate). dotenv-expand gets `processEnv: {}` so that the shell's
// environment never leaks into the output (and is never written to).
import { parse as dotenvParse } from 'dotenv';
import { expand } from 'dotenv-expand';
import { parseArgs } from 'node:util';
import { parseEnv } from '../../parser/parse';
import { EXIT_OK, UsageError } from '../errors';
import { PARSE_HELP } from '../help';
import { readEnvFile } from '../io/read-env-file';

export interface ParsedEntry {
  key: string;
  value: string;
  /** 1-based line of the entry dotenv keeps. */
  line: number;
}

export function entriesOf(text: string, withExpansion: boolean): ParsedEntry[] {
  const values = dotenvParse(text);
  const shown = withExpansion ? (expand({ parsed: { ...values }, processEnv: {} }).parsed ?? values) : values;
  const lineOf = new Map<string, number>();
  for (const e of parseEnv(text).entries) lineOf.set(e.key, e.line + 1); // last wins, as in dotenv
  return Object.keys(values).map((key) => ({ key, value: shown[key] ?? '', line: lineOf.get(key) ?? 0 }));
}

export async function runParse(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { expand: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  if (parsed.values.help) {
    process.stdout.write(PARSE_HELP);
    return EXIT_OK;
  }
  const [file, ...extra] = parsed.positionals;
  if (file === undefined) throw new UsageError('parse needs a FILE');
  if (extra.length > 0) throw new UsageError(`parse takes one FILE (got ${parsed.positionals.length})`);
  const input = await readEnvFile(file);
  if (!input.validUtf8) process.stderr.write(`m1-ops: ${file}: not valid UTF-8; invalid bytes read as U+FFFD (as dotenv reads them)\n`);
  process.stdout.write(`${JSON.stringify({ entries: entriesOf(input.text, parsed.values.expand === true) }, null, 2)}\n`);
  return EXIT_OK;
}
