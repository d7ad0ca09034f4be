// Static view of the references dotenv-expand will act on: every match of its pattern in each value, read
// left to right, with the name it will look up (same operator and `split` rules as expand.ts).
import { REFERENCE_SOURCE, referenceName } from './reference-pattern';
import type { ParsedEnv, Reference } from './types';
import { valueOffsets } from './value-offsets';

// Several rules ask for the references of the same document: computed once per ParsedEnv.
const memo = new WeakMap<ParsedEnv, Reference[]>();

/** Every `$NAME` / `${NAME...}` reference in the document's values (all quote kinds: dotenv-expand expands them all). */
export function findReferences(parsed: ParsedEnv): Reference[] {
  let refs = memo.get(parsed);
  if (!refs) {
    refs = scan(parsed);
    memo.set(parsed, refs);
  }
  return refs.slice();
}

function scan(parsed: ParsedEnv): Reference[] {
  const out: Reference[] = [];
  const regex = new RegExp(REFERENCE_SOURCE, 'g');
  for (const entry of parsed.entries) {
    if (!entry.value.includes('$')) continue;
    const offsets = valueOffsets(entry);
    regex.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = regex.exec(entry.value)) !== null) {
      const braced = m[1] !== undefined;
      const { name, hasOperator } = referenceName(m[1] ?? m[2] ?? '');
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
