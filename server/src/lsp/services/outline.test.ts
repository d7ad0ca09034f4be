import { FoldingRangeKind, SymbolKind } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../parser/parse';
import { OTHER_GROUP, documentSymbols, flatSymbols, foldingRanges } from './outline';
import { testCatalog } from './test-catalog';

describe('documentSymbols', () => {
  it('groups consecutive variables of a catalog group, in file order, unknown keys under "other"', () => {
    const text = 'PORT=3000\nMY_FLAG=1\nJWT_SECRET=abc\nNODE_ENV=test\nPORT=3001\n';
    const symbols = documentSymbols(parseEnv(text), testCatalog);
    expect(symbols.map((s) => [s.name, s.kind, s.children?.map((c) => c.name)])).toEqual([
      ['api', SymbolKind.Namespace, ['PORT']],
      [OTHER_GROUP, SymbolKind.Namespace, ['MY_FLAG']],
      ['security', SymbolKind.Namespace, ['JWT_SECRET']],
      ['deployment', SymbolKind.Namespace, ['NODE_ENV']],
      ['api', SymbolKind.Namespace, ['PORT']],
    ]);
    const api = symbols[0];
    expect(api?.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 9 } });
    expect(api?.children?.[0]?.detail).toBe('int 1–65535 · overridden by a later line');
    expect(api?.children?.[0]?.selectionRange).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 4 } });
  });

  it('never lets two groups overlap, and each group encloses its children', () => {
    const text = 'NODE_ENV=test\n\nPORT=1\nJWT_SECRET=abc\nDEBUG=true\nNODE_ENV=production\nREDIS_URL=redis://h\nMY=1\nPORT=2\n';
    const symbols = documentSymbols(parseEnv(text), testCatalog);
    for (const [i, g] of symbols.entries()) {
      for (const c of g.children ?? []) {
        expect(g.range.start.line <= c.range.start.line && c.range.end.line <= g.range.end.line).toBe(true);
      }
      const next = symbols[i + 1];
      if (next) expect(g.range.end.line).toBeLessThan(next.range.start.line);
    }
  });

  it('lists the variables flat, each naming its group, for clients without hierarchical symbols', () => {
    const groups = documentSymbols(parseEnv('PORT=1\nMY=2\n'), testCatalog);
    expect(flatSymbols('file:///a/.env', groups)).toEqual([
      { name: 'PORT', kind: SymbolKind.Variable, location: { uri: 'file:///a/.env', range: groups[0]?.children?.[0]?.range }, containerName: 'api' },
      { name: 'MY', kind: SymbolKind.Variable, location: { uri: 'file:///a/.env', range: groups[1]?.children?.[0]?.range }, containerName: OTHER_GROUP },
    ]);
  });

  it('never puts a value in the outline', () => {
    const symbols = documentSymbols(parseEnv('JWT_SECRET=hunter2hunter2\n'), testCatalog);
    expect(JSON.stringify(symbols)).not.toContain('hunter2');
  });
});

describe('foldingRanges', () => {
  it('folds multi-line values and runs of comments', () => {
    const text = '# a\n# b\n# c\nA="one\ntwo\nthree"\n# lone\nB=1\n';
    expect(foldingRanges(parseEnv(text))).toEqual([
      { startLine: 0, endLine: 2, kind: FoldingRangeKind.Comment },
      { startLine: 3, endLine: 5 },
    ]);
  });
});
