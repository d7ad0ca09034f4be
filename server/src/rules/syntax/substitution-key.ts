// substitution-key: a malformed reference dotenv-expand does not read as the writer meant: `${NAME`
// never closed, `${}`, `${NAME!}` (not a name), `$NAME}` (stray brace). dotenv-expand keeps the first two
// as literal text and looks up an impossible name for the third, so the value silently differs.
// Every value is checked whatever its quotes: dotenv-expand expands single-quoted values too. In the
// Compose and PHP dialects (parser/dialect.ts) single-quoted values are literal, Compose's `$$` is a
// dollar, and their own operators (`:?`, `?`, `:=`) are valid: no message calls them wrong.
import type { Finding, Fix } from '../../../../shared/src/findings';
import type { Rule, RuleContext } from '../../engine/types';
import { expandsEntry, maskLiteralDollars, operatorPattern, type Dialect } from '../../parser/dialect';
import { referenceName } from '../../parser/reference-pattern';
import type { EnvEntry, Span } from '../../parser/types';
import { valueOffsets, type ValueOffsets } from '../../parser/value-offsets';
import { finding } from '../support/findings';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
/** Names dotenv-expand can find: dotenv keys without `-` (which it reads as an operator). */
const LOOKUP_NAME = /^[\w.]+$/;

interface Problem {
  /** Value indexes of the malformed piece. */
  from: number;
  to: number;
  what: string;
  /** An insertion (value index, text) that makes it the reference it evidently means. */
  insert?: { at: number; text: string };
}

/**
 * For every `{`, the index of its balanced `}` (-1 when it is never closed), and for every index the
 * number of `{` before it: one pass, so that a value of many unclosed `${` stays linear instead of
 * rescanning the rest of the value from each of them.
 */
function braces(v: string): { close: Int32Array; opensBefore: Int32Array } {
  const close = new Int32Array(v.length).fill(-1);
  const opensBefore = new Int32Array(v.length + 1);
  const open: number[] = [];
  for (let j = 0; j < v.length; j++) {
    opensBefore[j + 1] = (opensBefore[j] as number) + (v[j] === '{' ? 1 : 0);
    if (v[j] === '{') open.push(j);
    else if (v[j] === '}') {
      const o = open.pop();
      if (o !== undefined) close[o] = j;
    }
  }
  return { close, opensBefore };
}

/** `${NAME:?message}` / `${NAME?message}`: Docker Compose's "required" form, which dotenv-expand does not know. */
const COMPOSE_REQUIRED = /^[A-Za-z_][A-Za-z0-9_]*:?\?/;

function problems(v: string, dialect: Dialect): Problem[] {
  const operator = operatorPattern(dialect);
  const out: Problem[] = [];
  let b: ReturnType<typeof braces> | undefined;
  for (let i = v.indexOf('$'); i >= 0 && i < v.length; i = v.indexOf('$', i + 1)) {
    if (v[i - 1] === '\\') continue;
    if (v[i + 1] === '{') {
      // dotenv-expand expands the innermost `${...}` first, so `${A:-${B}}` is fine: find the balanced end.
      b ??= braces(v);
      const close = b.close[i + 1] as number;
      const nested = close >= 0 && (b.opensBefore[close] as number) - (b.opensBefore[i + 2] as number) > 0;
      if (close >= 0 && nested) continue; // the inner references are checked in turn
      if (close < 0) {
        const name = NAME.exec(v.slice(i + 2));
        const end = i + 2 + (name ? name[0].length : 0);
        const p: Problem = { from: i, to: end, what: 'has a `${` that is never closed, so dotenv-expand keeps it as literal text' };
        if (name) p.insert = { at: end, text: '}' };
        out.push(p);
        i = end - 1;
        continue;
      }
      const content = v.slice(i + 2, close);
      if (content === '') {
        out.push({ from: i, to: close + 1, what: 'has an empty `${}`, which dotenv-expand keeps as literal text' });
      } else if (!LOOKUP_NAME.test(referenceName(content, operator).name)) {
        const what = COMPOSE_REQUIRED.test(content)
          ? 'uses `${NAME:?message}`, a Docker Compose form that dotenv-expand does not support: it substitutes an empty string (or the text after a `-`); if Docker Compose reads this file, say so (--dialect compose, m1ops.validation.dialect)'
          : 'has a `${...}` that does not start with a variable name, so dotenv-expand substitutes an empty string or the default';
        out.push({ from: i, to: close + 1, what });
      }
      i = close;
      continue;
    }
    const name = NAME.exec(v.slice(i + 1));
    if (name && v[i + 1 + name[0].length] === '}') {
      const end = i + 1 + name[0].length;
      out.push({ from: i, to: end + 1, what: 'has a `$NAME}` with no opening brace, so dotenv-expand leaves a stray `}`', insert: { at: i + 1, text: '{' } });
      i = end;
    }
  }
  return out;
}

function docSpan(o: ValueOffsets, from: number, to: number, fallback: Span): Span {
  const start = o.start[from];
  const end = o.end[to - 1];
  return start === undefined || end === undefined ? fallback : { start, end };
}

function report(ctx: RuleContext, e: EnvEntry, o: ValueOffsets, p: Problem): Finding {
  const span = docSpan(o, p.from, p.to, e.rawSpan);
  const fixes: Fix[] = [];
  if (p.insert) {
    // Insert after value character at-1 (or before character `at` when it is the first).
    const at = p.insert.at > 0 ? o.end[p.insert.at - 1] : o.start[0];
    if (at !== undefined) {
      const range = ctx.range({ start: at, end: at });
      // Not safe: the value changes (the reference starts to be expanded).
      fixes.push({ title: p.insert.text === '}' ? 'Close the reference with `}`' : 'Add the opening `{`', edits: [{ range, newText: p.insert.text }], safe: false, preferred: true });
    }
  }
  // What dotenv-expand does with the piece is the node dialect's detail; other readers differ (Compose
  // refuses an unclosed `${`), so their message says only what is malformed.
  const what =
    ctx.dialect === 'node'
      ? p.what
      : p.what.replace(/,? (so|which) dotenv-expand .*$/, '').replace(/a Docker Compose form that dotenv-expand .*$/, 'a Docker Compose form that a PHP dotenv does not support');
  const literal = ctx.dialect === 'compose' ? '$$' : '\\$';
  const message = `The value of ${e.key} ${what}. Write \${NAME} (or ${literal} for a literal dollar sign).`;
  return finding('substitution-key', 'warning', message, ctx.range(span), { key: e.key, fixes });
}

export const substitutionKey: Rule = {
  id: 'substitution-key',
  description: 'A malformed `${...}` or `$NAME}` reference in a value.',
  check(ctx) {
    const out: Finding[] = [];
    for (const e of ctx.parsed.entries) {
      if (e.overridden || !e.value.includes('$') || !expandsEntry(e, ctx.dialect)) continue;
      const found = problems(maskLiteralDollars(e.value, ctx.dialect), ctx.dialect);
      if (found.length === 0) continue;
      const o = valueOffsets(e);
      for (const p of found) out.push(report(ctx, e, o, p));
    }
    return out;
  },
};
