// What the editor features need from the catalog, behind one small interface so that hover,
// completion and the outline are testable with hand-made entries.
import type { RuleId } from '../../../../shared/src/rule-ids';

export interface VariableInfo {
  key: string;
  group: string;
  description: string;
  /** Human-readable type, e.g. "int 1–65535", "url (http, https)", "secret". */
  type: string;
  /** As written in a .env file; undefined when the variable has none. */
  defaultValue?: string;
  /** Closed set of values (enums, booleans, profiles), in the catalog's order. */
  allowed?: readonly string[];
  /** The whole value is a credential: never shown. */
  secret: boolean;
  /** The value is a URL whose password (and, for SENTRY_DSN, user name) is a credential. */
  urlCredentials?: { username: boolean };
  /** "required", "required in staging and production", "optional", … */
  requirement: string;
  /** Rules that look at this variable beyond its type. */
  rules: readonly RuleId[];
}

export interface CatalogView {
  get(key: string): VariableInfo | undefined;
  /** Catalog order (grouped). */
  all(): readonly VariableInfo[];
}

export function catalogFrom(vars: readonly VariableInfo[]): CatalogView {
  const byKey = new Map(vars.map((v) => [v.key, v]));
  return { get: (k) => byKey.get(k), all: () => vars };
}
