// circular-reference: keys whose references (without defaults) lead back to themselves: A -> B -> A, or
// A -> A. dotenv-expand cannot resolve a cycle; it ends up substituting an empty string. Also reported:
// values whose expansion dotenv-expand would never finish (expand.ts detects and stops those loops),
// since such a file hangs the application at start-up.
import type { Finding } from '../../../../shared/src/findings';
import type { Rule, RuleContext } from '../../engine/types';
import { boundedKeys, findReferences } from '../../parser/expand';
import { finding } from '../support/findings';
import { cyclicComponents, pathWithin, type Graph } from './cycles';

/** Cycles up to this many keys are shown as their path in each message. */
const MAX_CYCLE_SHOWN = 100;

function cycles(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const refs = findReferences(ctx.parsed, ctx.dialect).filter((r) => !r.entry.overridden && !r.hasOperator && ctx.effective.has(r.name));
  // Only keys with references can lie on a cycle: the graph holds just those.
  const graph: Graph = new Map();
  for (const r of refs) {
    let edges = graph.get(r.entry.key);
    if (!edges) graph.set(r.entry.key, (edges = new Set()));
    edges.add(r.name);
  }
  const component = cyclicComponents(graph);
  const sizes = new Map<number, number>();
  for (const id of component.values()) sizes.set(id, (sizes.get(id) ?? 0) + 1);
  for (const r of refs) {
    const from = r.entry.key;
    const id = component.get(from);
    if (id === undefined || component.get(r.name) !== id) continue;
    const size = sizes.get(id) ?? 0;
    // The path costs a search of the cycle per reference and is as long as the cycle: for a huge
    // cycle (a generated or hostile file) that is quadratic work and text, so only its size is given.
    const where = size <= MAX_CYCLE_SHOWN ? `(${[from, ...pathWithin(graph, component, r.name, from)].join(' → ')})` : `of ${size} keys (through ${r.name})`;
    const message =
      r.name === from
        ? `${from} refers to itself: dotenv-expand cannot resolve that and substitutes an empty string (or the process environment's ${from}). Give ${from} a literal value, or a default with \${${from}:-value}.`
        : `${from} is part of a reference cycle ${where}: dotenv-expand cannot resolve it and substitutes an empty string. Give one of these keys a literal value.`;
    out.push(finding('circular-reference', 'error', message, ctx.range(r.span), { key: from }));
  }
  return out;
}

function neverEnding(ctx: RuleContext): Finding[] {
  // A quirk of dotenv-expand's String.replace: other readers (Compose, PHP) have no such loop.
  if (ctx.dialect !== 'node' || !ctx.parsed.entries.some((e) => e.value.includes('$'))) return [];
  return boundedKeys(ctx.parsed.values).flatMap((key) => {
    const e = ctx.effective.get(key);
    if (!e) return [];
    const message = `dotenv-expand never finishes expanding ${key}: each substitution brings back a reference (a $& or $' in a value or default is read as "the matched text"), so the application would hang at start-up. Escape the $ signs that are literal as \\$.`;
    return [finding('circular-reference', 'error', message, ctx.range(e.rawSpan), { key })];
  });
}

export const circularReference: Rule = {
  id: 'circular-reference',
  description: 'Keys whose references lead back to themselves, or whose expansion never ends.',
  check(ctx) {
    return [...cycles(ctx), ...neverEnding(ctx)];
  },
};
