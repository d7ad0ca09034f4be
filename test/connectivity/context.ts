// A RuleContext for `KEY=value` lines, built by hand: the connectivity checks depend only on the
// RuleContext contract (effective entries, expanded values, profile), not on the parser.
import { isProductionLike, type Profile } from '../../shared/src/profiles';
import type { RuleContext } from '../../server/src/engine/types';
import { LineIndex } from '../../server/src/parser/line-index';
import type { EnvEntry, EnvLine } from '../../server/src/parser/types';

export function contextFor(vars: Record<string, string>, opts: { profile?: Profile; fileName?: string } = {}): RuleContext {
  const text = Object.entries(vars)
    .map(([k, v]) => `${k}=${v}\n`)
    .join('');
  const lineIndex = new LineIndex(text);
  const entries: EnvEntry[] = [];
  const lines: EnvLine[] = [];
  let offset = 0;
  Object.entries(vars).forEach(([key, value], line) => {
    const sep = offset + key.length;
    entries.push({
      key,
      keySpan: { start: offset, end: sep },
      separator: '=',
      separatorSpan: { start: sep, end: sep + 1 },
      rawSpan: { start: sep + 1, end: sep + 1 + value.length },
      raw: value,
      quote: null,
      value,
      line,
      endLine: line,
      overridden: false,
    });
    lines.push({ index: line, span: { start: offset, end: sep + 1 + value.length }, eol: '\n', kind: 'entry' });
    offset = sep + 1 + value.length + 1;
  });
  const values: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, vars);
  const profile = opts.profile ?? 'development';
  const fileName = opts.fileName ?? '.env';
  return {
    parsed: { text, entries, values, lines, comments: [], lineIndex },
    fileName,
    profile,
    prodLike: isProductionLike(profile),
    isExample: /example|sample|template/.test(fileName),
    schema: 'm1',
    dialect: 'node',
    expanded: { ...vars },
    effective: new Map(entries.map((e) => [e.key, e])),
    range: (span) => lineIndex.rangeOf(span),
  };
}
