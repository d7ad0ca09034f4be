// The parser's contract. The parser (parse.ts) must give values identical to dotenv's parse()
// (v16+), with the exact source span of every part so that rules and fixes point at characters.
import type { LineIndex, Span } from './line-index';
export type { Span } from './line-index';

export type Quote = '"' | "'" | '`';

export interface EnvEntry {
  key: string;
  keySpan: Span;
  /** Span of a leading `export ` keyword, when present. */
  exportSpan?: Span;
  separator: '=' | ':';
  separatorSpan: Span;
  /** The value as written: quotes included, surrounding blanks excluded. Empty span right after the separator when there is no value. */
  rawSpan: Span;
  raw: string;
  /** The quote the raw value is enclosed in (both ends match), else null. */
  quote: Quote | null;
  /** Exactly what dotenv's parse() yields for this line. */
  value: string;
  /** An inline comment after the value (`# ...`), when present. */
  commentSpan?: Span;
  /** 0-based first and last physical line (a quoted value may span several). */
  line: number;
  endLine: number;
  /** A later entry with the same key wins over this one (dotenv: last duplicate wins). */
  overridden: boolean;
}

export type LineKind = 'blank' | 'comment' | 'entry' | 'continuation' | 'ignored';

export interface EnvLine {
  /** 0-based line number. */
  index: number;
  /** The line's content, without its line break. */
  span: Span;
  eol: '' | '\n' | '\r\n' | '\r';
  /** `continuation`: inside a multi-line value; `ignored`: dotenv reads nothing from it (no `=`, bad key, ...). */
  kind: LineKind;
}

export interface EnvComment {
  /** Text after the `#`, untrimmed. */
  text: string;
  /** From the `#` to the end of the line. */
  span: Span;
  line: number;
}

export interface ParsedEnv {
  text: string;
  /** Source order, overridden duplicates included. */
  entries: EnvEntry[];
  /**
   * Key -> value, identical to dotenv.parse(text): a null-prototype object, so `constructor` or `toString`
   * are ordinary keys. `__proto__` is absent, exactly as in dotenv's result (its `{}` drops it); the
   * entry is still in `entries`.
   */
  values: Record<string, string>;
  lines: EnvLine[];
  /** Full-line comments (suppression directives live here). */
  comments: EnvComment[];
  lineIndex: LineIndex;
}

/** A `$NAME`, `${NAME}` or `${NAME:-default}` (also `-`, `:+`, `+`) inside a value, as dotenv-expand reads it. */
export interface Reference {
  /** The entry whose value holds the reference. */
  entry: EnvEntry;
  /** The name dotenv-expand looks up (the text before the first operator). */
  name: string;
  /** From the `$` to the end of the reference, in the document text. */
  span: Span;
  braced: boolean;
  /** Has a `:-`/`-`/`:+`/`+` operand, so an undefined name is not an error. */
  hasOperator: boolean;
}
