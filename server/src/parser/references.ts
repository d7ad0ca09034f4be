// Static view of the references dotenv-expand will act on: every match of its pattern in each value, read
// left to right, with the name it will look up (same operator and `split` rules as expand.ts).
// In another dialect (parser/dialect.ts), single-quoted values are literal for Compose and PHP readers,
// Compose's `$$` is a literal dollar, and the operator lists differ.
import { expandsEntry, maskLiteralDollars, operatorPattern, type Dialect } from './dialect';
import { REFERENCE_SOURCE, referenceName } from './reference-pattern';
import type { ParsedEnv, Reference } from './types';
import { valueOffsets } from './value-offsets';

// Several rules ask for the references of the same document: computed once per ParsedEnv and dialect.
const memo = new WeakMap<ParsedEnv, Map<Dialect, Reference[]>>();

/** Every `$NAME` / `${NAME...}` reference in the document's values (all quote kinds for node: dotenv-expand expands them all). */
export function findReferences(parsed: ParsedEnv, dialect: Dialect = 'node'): Reference[] {
  let byDialect = memo.get(parsed);
  if (!byDialect) memo.set(parsed, (byDialect = new Map<Dialect, Reference[]>()));
  let refs = byDialect.get(dialect);
  if (!refs) {
    refs = scan(parsed, dialect);
    byDialect.set(dialect, refs);
  }
  return refs.slice();
}

function scan(parsed: ParsedEnv, dialect: Dialect): Reference[] {
  const out: Reference[] = [];
  const regex = new RegExp(REFERENCE_SOURCE, 'g');
  const operator = operatorPattern(dialect);
  for (const entry of parsed.entries) {
    if (!entry.value.includes('$') || !expandsEntry(entry, dialect)) continue;
    const offsets = valueOffsets(entry);
    const value = maskLiteralDollars(entry.value, dialect);
    regex.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = regex.exec(value)) !== null) {
      const braced = m[1] !== undefined;
      // phpdotenv (Laravel) reads `$NAME` literally and expands only `${NAME}`; Symfony expands both.
      // Checking only the braced form never calls a valid Laravel value wrong.
      if (dialect === 'php' && !braced) continue;
      const { name, hasOperator } = referenceName(m[1] ?? m[2] ?? '', operator);
      const last = m.index + m[0].length - 1;
      out.push({
        entry,
        name,
        span: { start: offsets.start[m.index] ?? entry.rawSpan.start, end: offsets.end[last] ?? entry.rawSpan.end },
        braced,
        hasOperator,
      });
    }
  }
  return out;
}
