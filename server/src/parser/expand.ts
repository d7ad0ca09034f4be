// dotenv-expand (v12, node_modules/dotenv-expand/lib/main.js) ported step for step, so that values match
// what `expand({ parsed: { ...values }, processEnv: { ...processEnv } }).parsed` returns. Its quirks are kept
// on purpose: progressive expansion in key order (integer-like keys first, as for..in does), `String.replace`
// with a string pattern (first occurrence, even an escaped one; `$&`, `$'`, `` $` ``, `$$` interpreted in
// the replacement), `split(null)` splitting on the text "null", `-`/`+` behaving like `:-`/`:+`, and
// single-quoted values expanded like any other (dotenv-expand never sees the quotes).
//
// Divergences, both where dotenv-expand has no usable result:
//  - Names are looked up as own properties only. dotenv-expand reads `env[key]` on plain objects, so
//    `${constructor}` loops forever, `$toString` yields "[object Undefined]", `$hasOwnProperty` throws, and
//    a key such as `toString=1` in the file makes expand() throw. Here such names are ordinary names.
//  - Expansion is bounded. dotenv-expand loops forever when a substitution re-creates what it replaced
//    (`A=${X:-$&}`; `B=x$&y` + `A=${B}`; escaped references that expand into each other). A repeated
//    state is detected exactly and stops the loop; a value that keeps growing stops once its work budget is
//    spent. Either way the value as expanded so far is kept and the key is reported in `bounded`.
import { OPERATOR, REFERENCE_SOURCE } from './reference-pattern';

export { findReferences } from './references';
const ESCAPED_DOLLAR = /\\\$/g;

/** Characters scanned for one value before giving up, and for the whole file before budgets shrink. */
const VALUE_BUDGET = 4_000_000;
const TOTAL_BUDGET = 50_000_000;
const MIN_VALUE_BUDGET = 10_000;

export interface ExpandResult {
  values: Record<string, string>;
  /** Keys whose expansion dotenv-expand would never finish (or finish only past the work budget). */
  bounded: string[];
}

type Lookup = (key: string) => string | undefined;

function own(obj: Record<string, string>, key: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/** Values as dotenv-expand's expand({ parsed: values, processEnv }) returns them. Never mutates its inputs. */
export function expandEnv(values: Record<string, string>, processEnv: Record<string, string> = {}): Record<string, string> {
  return expandEnvDetailed(values, processEnv).values;
}

// The engine expands every document once without a process environment; circular-reference then asks
// which keys were bounded. Remembered per values object (ParsedEnv.values is never mutated).
const boundedMemo = new WeakMap<Record<string, string>, string[]>();

/** Keys whose expansion (without a process environment) dotenv-expand would never finish. */
export function boundedKeys(values: Record<string, string>): string[] {
  return (boundedMemo.get(values) ?? expandEnvDetailed(values).bounded).slice();
}

export function expandEnvDetailed(values: Record<string, string>, processEnv: Record<string, string> = {}): ExpandResult {
  const parsed = Object.create(null) as Record<string, string>;
  const runningParsed = Object.create(null) as Record<string, string>;
  const bounded: string[] = [];
  // env = { ...runningParsed, ...processEnv } in dotenv-expand: the process environment wins.
  const lookup: Lookup = (key) => own(processEnv, key) ?? own(runningParsed, key);
  let budget = TOTAL_BUDGET;
  for (const key of Object.keys(values)) {
    let value = values[key] as string;
    const fromProcess = own(processEnv, key);
    if (fromProcess && fromProcess !== value) {
      // dotenv-expand's short-circuit: a variable already set in the process keeps its value.
      value = fromProcess;
    } else if (value.includes('$')) {
      const outcome = expandValue(value, lookup, runningParsed, Math.min(VALUE_BUDGET, Math.max(MIN_VALUE_BUDGET, budget)));
      value = outcome.result;
      budget -= outcome.work;
      if (outcome.bounded) bounded.push(key);
    }
    const resolved = value.includes('\\$') ? value.replace(ESCAPED_DOLLAR, '$') : value;
    parsed[key] = resolved;
    runningParsed[key] = resolved;
  }
  if (Object.keys(processEnv).length === 0) boundedMemo.set(values, bounded);
  return { values: parsed, bounded };
}

interface ValueOutcome {
  result: string;
  work: number;
  bounded: boolean;
}

function expandValue(value: string, lookup: Lookup, runningParsed: Record<string, string>, budget: number): ValueOutcome {
  const regex = new RegExp(REFERENCE_SOURCE, 'g');
  let result = value;
  const seen = new Set<string>(); // dotenv-expand's self-reference checker
  // Results met again while `seen` has not grown. The loop's state is (result, seen); meeting one of these
  // twice means the state repeats, and dotenv-expand would cycle through it forever.
  const revisited = new Set<string>();
  let work = 0;
  let match: RegExpExecArray | null;
  while ((match = regex.exec(result)) !== null) {
    if (seen.has(result)) {
      if (revisited.has(result)) return { result, work, bounded: true };
      revisited.add(result);
    } else {
      seen.add(result);
      revisited.clear();
    }
    work += result.length + 1;
    if (work > budget) return { result, work, bounded: true };

    const template = match[0];
    const expression = match[1] ?? match[2] ?? '';
    const opMatch = OPERATOR.exec(expression);
    const splitter = opMatch ? opMatch[0] : null;
    // expression.split(null) / join(null) use the text "null" as the separator.
    const separator = splitter ?? 'null';
    const parts = expression.split(separator);
    const key = parts.shift() ?? '';
    let defaultValue: string;
    let found: string | undefined;
    if (splitter === ':+' || splitter === '+') {
      defaultValue = lookup(key) ? parts.join(separator) : '';
      found = undefined;
    } else {
      defaultValue = parts.join(separator);
      found = lookup(key);
    }
    if (found) {
      result = result.replace(template, seen.has(found) ? defaultValue : found);
    } else {
      result = result.replace(template, defaultValue);
    }
    // "if the result equaled what was in process.env and runningParsed then stop expanding"
    if (result === own(runningParsed, key)) break;
    regex.lastIndex = 0;
  }
  return { result, work, bounded: false };
}
