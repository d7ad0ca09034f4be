// `m1-ops parse FILE [--expand]`: what an app using dotenv would read from the file.
// Our parser and expander, whose values equal dotenv's parse() and dotenv-expand's expand() on
// every input (property-tested in server/src/parser), except where dotenv-expand has no result:
// it loops forever on `${constructor}` and throws on a `toString=` key; ours answers. Expansion
// uses an empty process environment so that the shell's environment never leaks into the output.
import { parseArgs } from 'node:util';
import { expandEnv } from '../../parser/expand';
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
  const parsed = parseEnv(text);
  const values = parsed.values;
  const shown = withExpansion ? expandEnv(values) : values;
  const lineOf = new Map<string, number>();
  for (const e of parsed.entries) lineOf.set(e.key, e.line + 1); // last wins, as in dotenv
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
