// undefined-reference: `$NAME` or `${NAME}` (no default) where NAME is set nowhere in the file.
// dotenv-expand then substitutes an empty string unless the process environment has NAME. A `$` meant
// literally (in a password, say) is the other common cause, so the message offers `\$` too.
import type { Finding, Fix } from '../../../../shared/src/findings';
import type { Rule, RuleContext } from '../../engine/types';
import { findReferences } from '../../parser/expand';
import type { Reference } from '../../parser/types';
import { finding } from '../support/findings';
import { lineBreak } from '../syntax/lines';
import { mayHoldSecret } from '../syntax/secrecy';

/** Who substitutes, per dialect (messages name the file's own reader). */
const READER = { node: 'dotenv-expand', compose: 'Docker Compose', php: 'the PHP dotenv' } as const;

/** Names dotenv-expand can look up; anything else is substitution-key's business. */
const LOOKUP_NAME = /^[\w.]+$/;

function fixes(ctx: RuleContext, r: Reference, showName: boolean): Fix[] {
  const out: Fix[] = [];
  const escape = ctx.range({ start: r.span.start, end: r.span.start });
  if (showName) {
    const text = ctx.parsed.text;
    const needsBreak = text.length > 0 && !/[\r\n]$/.test(text);
    const end = ctx.parsed.lineIndex.positionAt(text.length);
    const eol = lineBreak(ctx);
    out.push({
      title: `Define ${r.name} in this file`,
      edits: [{ range: { start: end, end }, newText: `${needsBreak ? eol : ''}${r.name}=${eol}` }],
      safe: false,
      preferred: true,
    });
  }
  // Not safe either way: both change what the application reads.
  // Compose escapes a dollar by doubling it; the others by a backslash.
  const newText = ctx.dialect === 'compose' ? '$' : '\\';
  out.push({ title: 'Escape the `$` (it is part of the value)', edits: [{ range: escape, newText }], safe: false, preferred: !showName });
  return out;
}

export const undefinedReference: Rule = {
  id: 'undefined-reference',
  description: 'A `$NAME` or `${NAME}` without a default whose NAME is not set in the file.',
  check(ctx) {
    const out: Finding[] = [];
    const defined = new Set(ctx.parsed.entries.map((e) => e.key));
    for (const r of findReferences(ctx.parsed, ctx.dialect)) {
      if (r.entry.overridden || r.hasOperator || defined.has(r.name) || !LOOKUP_NAME.test(r.name)) continue;
      const key = r.entry.key;
      // In a value that may be a secret, the "name" after `$` may be part of the secret: never show it.
      const showName = !mayHoldSecret(key);
      const reader = READER[ctx.dialect];
      const literal = ctx.dialect === 'compose' ? '$$' : '\\$';
      const message = showName
        ? `The value of ${key} refers to ${r.name}, which is not set in this file: ${reader} substitutes an empty string unless ${r.name} is set in the process environment. Define ${r.name}, give a default with \${${r.name}:-default}, or write ${literal} if the $ is literal.`
        : `The value of ${key} has a $ reference to a variable that is not set in this file: ${reader} substitutes an empty string for it unless the process environment sets it. Write ${literal} if the $ is part of the value.`;
      out.push(finding('undefined-reference', 'warning', message, ctx.range(r.span), { key, fixes: fixes(ctx, r, showName) }));
    }
    return out;
  },
};
