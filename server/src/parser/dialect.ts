// The reader a file is written for. Parsing is dotenv's in every case (that is what --fix preserves and
// what `m1-ops parse` prints); the dialect changes only what counts as a reference and what as a
// comment, so that no message calls a valid form of the file's reader wrong (docs/rules-syntax.md#dialects):
//  - node: dotenv + dotenv-expand. Every value is expanded, whatever its quotes.
//  - compose: Docker Compose's env files. Single-quoted values are literal, `$$` is a literal `$`,
//    `${VAR:?err}` / `${VAR?err}` (required) join `${VAR:-x}`, `${VAR-x}`, `${VAR:+x}`, `${VAR+x}`,
//    and a `#` starts a comment only after a blank.
//  - php: Symfony Dotenv and vlucas/phpdotenv (Laravel). Single-quoted values are literal,
//    `${VAR:-x}` and `${VAR:=x}` supply defaults, only `${VAR}` is a reference for phpdotenv (`$VAR`
//    is literal there), and a `#` starts a comment only after a blank.
import type { EnvEntry } from './types';

export const DIALECTS = ['node', 'compose', 'php'] as const;
export type Dialect = (typeof DIALECTS)[number];

export const DIALECT_LABEL: Record<Dialect, string> = {
  node: 'Node (dotenv + dotenv-expand)',
  compose: 'Docker Compose',
  php: 'PHP (Symfony Dotenv / phpdotenv)',
};

/** The first operator of a braced expression; dotenv-expand's own list for node. */
const OPERATORS: Record<Dialect, RegExp> = {
  node: /(:\+|\+|:-|-)/,
  compose: /(:\?|\?|:\+|\+|:-|-)/,
  php: /(:=|=|:\+|\+|:-|-)/,
};

export function operatorPattern(dialect: Dialect): RegExp {
  return OPERATORS[dialect];
}

/** False when the dialect's reader takes this entry's value literally (single quotes outside node). */
export function expandsEntry(entry: Pick<EnvEntry, 'quote'>, dialect: Dialect): boolean {
  return dialect === 'node' || entry.quote !== "'";
}

/**
 * The value with the dialect's literal dollars hidden from reference matching (same length, so indexes
 * stay valid): Compose's `$$` becomes two NULs.
 */
export function maskLiteralDollars(value: string, dialect: Dialect): string {
  return dialect === 'compose' && value.includes('$$') ? value.replace(/\$\$/g, '\0\0') : value;
}

/** A `#` glued to an unquoted value is part of it for Compose and PHP readers; only dotenv cuts there. */
export function gluedHashIsComment(dialect: Dialect): boolean {
  return dialect === 'node';
}
