// leading-character: a key that does not start with a letter or `_`, or a line indented before its key.
// dotenv accepts digits, `.` and `-` at the start (info); any other character makes it drop the line
// (warning). Indentation is harmless to dotenv but not to every .env reader.
import type { Finding } from '../../../../shared/src/findings';
import type { Rule, RuleContext } from '../../engine/types';
import type { EnvEntry } from '../../parser/types';
import { finding } from '../support/findings';
import { DOTENV_KEY_CHAR, LEADING_OK, ignoredLines, stripLeading } from './ignored-lines';
import { linesHoldOnly } from './lines';
import { keepsEntry } from './meaning';

function indentation(ctx: RuleContext, e: EnvEntry): Finding | undefined {
  const first = e.exportSpan ? e.exportSpan.start : e.keySpan.start;
  const lineStart = ctx.parsed.lines[e.line]?.span.start ?? first;
  if (lineStart >= first) return undefined;
  // Only blanks before the key count (U+2028 can put another entry or a comment there).
  if (ctx.parsed.text.slice(lineStart, first).trim() !== '' || !linesHoldOnly(ctx, e)) return undefined;
  const span = { start: lineStart, end: first };
  const message = `${e.key} is indented. dotenv ignores the blanks before a key, but other .env readers may not: remove them.`;
  const fix = { title: 'Remove the indentation', edits: [{ range: ctx.range(span), newText: '' }], safe: keepsEntry(ctx, e, [{ span, newText: '' }]), preferred: true };
  return finding('leading-character', 'info', message, ctx.range(span), { key: e.key, fixes: [fix] });
}

function badStart(ctx: RuleContext, e: EnvEntry): Finding | undefined {
  if (LEADING_OK.test(e.key[0] ?? '')) return undefined;
  const renamed = stripLeading(e.key);
  const message = `${e.key} starts with '${e.key[0] ?? ''}'. dotenv accepts it, but shells and most tools need a name that starts with a letter or \`_\`${renamed ? `: rename it to ${renamed}` : ''}, and update the code that reads it.`;
  // Not safe: the application reads the variable under its old name.
  const fixes = renamed ? [{ title: `Rename to ${renamed}`, edits: [{ range: ctx.range(e.keySpan), newText: renamed }], safe: false, preferred: true }] : [];
  return finding('leading-character', 'info', message, ctx.range(e.keySpan), { key: e.key, fixes });
}

export const leadingCharacter: Rule = {
  id: 'leading-character',
  description: 'A key that does not start with a letter or `_` (dotenv drops some such lines), or an indented line.',
  check(ctx) {
    const out: Finding[] = [];
    for (const e of ctx.parsed.entries) {
      const indent = indentation(ctx, e);
      if (indent) out.push(indent);
      const start = badStart(ctx, e);
      if (start) out.push(start);
    }
    const { text } = ctx.parsed;
    for (const l of ignoredLines(ctx)) {
      if (l.eq < 0) continue; // key-without-value
      const candidate = text.slice(l.keyStart, l.keyEnd);
      if (candidate === '') {
        const message = 'This line starts with `=` and has no key, so dotenv ignores it. Put the variable name before the `=`, or remove the line.';
        out.push(finding('leading-character', 'warning', message, ctx.range(l.line.span), { unnecessary: true }));
        continue;
      }
      if (DOTENV_KEY_CHAR.test(candidate[0] as string)) continue; // incorrect-delimiter explains the rest
      // Not an entry: the line's text is never quoted back (it may be a pasted token).
      const renamed = stripLeading(candidate);
      const message = 'The key on this line starts with a character dotenv does not accept, so dotenv ignores the line and the variable is not set. Start the key with a letter or `_`.';
      const fixes = renamed
        ? [{ title: 'Remove the characters before the name', edits: [{ range: ctx.range({ start: l.keyStart, end: l.keyEnd }), newText: renamed }], safe: false, preferred: true }]
        : [];
      out.push(finding('leading-character', 'warning', message, ctx.range({ start: l.keyStart, end: l.keyEnd }), { fixes, unnecessary: true }));
    }
    return out;
  },
};
