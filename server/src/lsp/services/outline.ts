// Document outline (variables grouped by catalog group) and folding ranges (multi-line values, runs
// of comment lines). A group is a run of consecutive variables of one catalog group, in file order:
// a group's range must enclose its children, so one node per group for interleaved variables would
// overlap the others (`deployment` 0–17 around `api` 2–12), which breaks breadcrumbs. A file written
// section by section gets one node per section; a group that comes back later gets a second node.
import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FoldingRange, type SymbolInformation } from 'vscode-languageserver';
import type { Range } from '../../../../shared/src/findings';
import type { EnvEntry, ParsedEnv } from '../../parser/types';
import type { CatalogView } from './catalog';
import { comparePositions } from './positions';

export const OTHER_GROUP = 'other';

export function documentSymbols(parsed: ParsedEnv, catalog: CatalogView): DocumentSymbol[] {
  const runs: { name: string; children: DocumentSymbol[] }[] = [];
  const entries = [...parsed.entries].sort((a, b) => a.keySpan.start - b.keySpan.start);
  for (const e of entries) {
    const info = catalog.get(e.key);
    const group = info?.group ?? OTHER_GROUP;
    const last = runs.at(-1);
    const symbol = entrySymbol(parsed, e, info?.type);
    if (last?.name === group) last.children.push(symbol);
    else runs.push({ name: group, children: [symbol] });
  }
  return runs.map(({ name, children }) => {
    const range = enclosing(children.map((c) => c.range));
    return { name, kind: SymbolKind.Namespace, range, selectionRange: { start: range.start, end: range.start }, children };
  });
}

/** For clients without hierarchicalDocumentSymbolSupport: the variables, each naming its group. */
export function flatSymbols(uri: string, groups: readonly DocumentSymbol[]): SymbolInformation[] {
  return groups.flatMap((g) =>
    (g.children ?? []).map((c): SymbolInformation => ({ name: c.name, kind: c.kind, location: { uri, range: c.range }, containerName: g.name })),
  );
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
