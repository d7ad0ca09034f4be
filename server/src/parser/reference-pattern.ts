// dotenv-expand's patterns (node_modules/dotenv-expand/lib/main.js), shared by the expansion port and
// the static reference finder.

/** A `${...}` or `$NAME` not preceded by a backslash. Group 1: braced expression; group 2: bare name. */
export const REFERENCE_SOURCE = String.raw`(?<!\\)\${([^{}]+)}|(?<!\\)\$([A-Za-z_][A-Za-z0-9_]*)`;

/** The first operator in a braced expression; `-` and `+` act like `:-` and `:+`. */
export const OPERATOR = /(:\+|\+|:-|-)/;

export interface ReferenceName {
  name: string;
  /** An operator (or dotenv-expand's accidental "null" separator) supplies a fallback. */
  hasOperator: boolean;
}

/**
 * The name dotenv-expand looks up for `${expression}` or `$expression` (split(null) splits on "null");
 * another dialect's operator list (parser/dialect.ts) may be given.
 */
export function referenceName(expression: string, operator: RegExp = OPERATOR): ReferenceName {
  const op = operator.exec(expression);
  const parts = expression.split(op ? op[0] : 'null');
  return { name: parts[0] ?? '', hasOperator: op !== null || parts.length > 1 };
}
