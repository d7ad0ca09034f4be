// Document outline (variables grouped by catalog group, in catalog group order) and folding
// ranges (multi-line values, runs of comment lines).
import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver';
import type { Range } from '../../../../shared/src/findings';
import type { EnvEntry, ParsedEnv } from '../../parser/types';
import type { CatalogView } from './catalog';
import { comparePositions } from './positions';

export const OTHER_GROUP = 'other';

export function documentSymbols(parsed: ParsedEnv, catalog: CatalogView): DocumentSymbol[] {
  const order = groupOrder(catalog);
  const groups = new Map<string, DocumentSymbol[]>();
  for (const e of parsed.entries) {
    const info = catalog.get(e.key);
    const group = info?.group ?? OTHER_GROUP;
    const list = groups.get(group) ?? [];
    list.push(entrySymbol(parsed, e, info?.type));
    groups.set(group, list);
  }
  const rank = (g: string): number => (order.includes(g) ? order.indexOf(g) : order.length);
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([name, children]) => {
      const range = enclosing(children.map((c) => c.range));
      return { name, kind: SymbolKind.Namespace, range, selectionRange: { start: range.start, end: range.start }, children };
    });
}

function entrySymbol(parsed: ParsedEnv, e: EnvEntry, type: string | undefined): DocumentSymbol {
  const start = e.exportSpan?.start ?? e.keySpan.start;
  const end = Math.max(e.rawSpan.end, e.separatorSpan.end);
  const s: DocumentSymbol = {
    name: e.key,
    kind: SymbolKind.Variable,
    range: parsed.lineIndex.rangeOf({ start, end }),
    selectionRange: parsed.lineIndex.rangeOf(e.keySpan),
  };
  // The outline shows no values: they may be secrets.
  const detail = [type, e.overridden ? 'overridden by a later line' : undefined].filter(Boolean).join(' · ');
  if (detail) s.detail = detail;
  return s;
}

function groupOrder(catalog: CatalogView): string[] {
  const seen: string[] = [];
  for (const v of catalog.all()) if (!seen.includes(v.group)) seen.push(v.group);
  return seen;
}

function enclosing(ranges: Range[]): Range {
  let { start, end } = ranges[0] ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  for (const r of ranges) {
    if (comparePositions(r.start, start) < 0) start = r.start;
    if (comparePositions(r.end, end) > 0) end = r.end;
  }
  return { start, end };
}

export function foldingRanges(parsed: ParsedEnv): FoldingRange[] {
  const out: FoldingRange[] = [];
  for (const e of parsed.entries) if (e.endLine > e.line) out.push({ startLine: e.line, endLine: e.endLine });
  let runStart = -1;
  let prev = -2;
  for (const c of parsed.comments) {
    if (c.line !== prev + 1) {
      if (runStart >= 0 && prev > runStart) out.push({ startLine: runStart, endLine: prev, kind: FoldingRangeKind.Comment });
      runStart = c.line;
    }
    prev = c.line;
  }
  if (runStart >= 0 && prev > runStart) out.push({ startLine: runStart, endLine: prev, kind: FoldingRangeKind.Comment });
  return out.sort((a, b) => a.startLine - b.startLine);
}
