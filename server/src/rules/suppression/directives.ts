// Suppression comments: `# m1-ops-disable-next-line RULE[, RULE]` and `# m1-ops-disable RULE[, RULE]`
// (rest of the file). Text after ` -- ` is a free-form reason. The engine applies valid directives;
// `invalid-suppression` reports the rule ids that do not exist.
import type { ParsedEnv, Span } from '../../parser/types';

export type DirectiveKind = 'next-line' | 'rest-of-file';

export interface DirectiveRule {
  id: string;
  span: Span;
}

export interface Directive {
  kind: DirectiveKind;
  /** Line of the comment. */
  line: number;
  /** Span of the directive name, for findings about a directive that names no rule. */
  span: Span;
  rules: DirectiveRule[];
}

const DIRECTIVE = /^(\s*)(m1-ops-disable-next-line|m1-ops-disable)(?=\s|$)/;

export function parseDirectives(parsed: ParsedEnv): Directive[] {
  const out: Directive[] = [];
  for (const c of parsed.comments) {
    const m = DIRECTIVE.exec(c.text);
    if (!m) continue;
    const textStart = c.span.start + 1; // after the `#`
    const nameStart = (m[1] ?? '').length;
    const name = m[2] ?? '';
    const afterName = nameStart + name.length;
    const reason = c.text.indexOf(' --', afterName);
    const list = c.text.slice(afterName, reason < 0 ? undefined : reason);
    const rules: DirectiveRule[] = [];
    for (const t of list.matchAll(/[^\s,]+/g)) {
      const start = textStart + afterName + t.index;
      rules.push({ id: t[0], span: { start, end: start + t[0].length } });
    }
    out.push({
      kind: name === 'm1-ops-disable' ? 'rest-of-file' : 'next-line',
      line: c.line,
      span: { start: textStart + nameStart, end: textStart + afterName },
      rules,
    });
  }
  return out;
}
