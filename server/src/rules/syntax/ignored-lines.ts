// Lines dotenv reads nothing from (kind `ignored`), taken apart the way a person reads them: an optional
// `export`, a would-be key, and an `=` (if any). Three rules explain why dotenv dropped such a line:
// key-without-value (no `=`), leading-character (the key starts badly) and incorrect-delimiter (a
// character dotenv does not accept inside the key).
import type { RuleContext } from '../../engine/types';
import type { EnvLine } from '../../parser/types';

export interface IgnoredLine {
  line: EnvLine;
  /** The would-be key: from after `export ` to the `=` (trailing blanks excluded), or to the first blank or `:`. */
  keyStart: number;
  keyEnd: number;
  /** Offset of the first `=`, or -1. */
  eq: number;
}

const BLANK = /\s/;

export function ignoredLines(ctx: RuleContext): IgnoredLine[] {
  const { text } = ctx.parsed;
  const out: IgnoredLine[] = [];
  for (const line of ctx.parsed.lines) {
    if (line.kind !== 'ignored') continue;
    const { start, end } = line.span;
    let i = start;
    while (i < end && BLANK.test(text[i] as string)) i++;
    const exp = /^export\s+/.exec(text.slice(i, Math.min(end, i + 64)));
    if (exp) i += exp[0].length;
    const eqAt = text.indexOf('=', i);
    const eq = eqAt >= 0 && eqAt < end ? eqAt : -1;
    let keyEnd: number;
    if (eq >= 0) {
      keyEnd = eq;
      while (keyEnd > i && BLANK.test(text[keyEnd - 1] as string)) keyEnd--;
    } else {
      keyEnd = i;
      while (keyEnd < end && !BLANK.test(text[keyEnd] as string) && text[keyEnd] !== ':') keyEnd++;
    }
    out.push({ line, keyStart: i, keyEnd, eq });
  }
  return out;
}

/** A key dotenv accepts and programs and shells expect: letters, digits and `_`, not starting with a digit. */
export const PORTABLE_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** dotenv's key characters. */
export const DOTENV_KEY_CHAR = /[\w.-]/;

/** Characters that may start a key: letters and `_`. */
export const LEADING_OK = /[A-Za-z_]/;

/** The key without the characters that may not start one (dotenv-linter's fix for leading-character). */
export function stripLeading(key: string): string {
  let i = 0;
  while (i < key.length && !LEADING_OK.test(key[i] as string)) i++;
  return key.slice(i);
}

/** The key with every character other than letters, digits and `_` turned into `_`. */
export function portableKey(key: string): string {
  return key.replace(/[^A-Za-z0-9_]+/g, '_');
}
