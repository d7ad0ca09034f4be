import { FoldingRangeKind, SymbolKind } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../parser/parse';
import { OTHER_GROUP, documentSymbols, foldingRanges } from './outline';
import { testCatalog } from './test-catalog';

describe('documentSymbols', () => {
  it('groups variables by catalog group in catalog order, unknown keys last', () => {
    const text = 'PORT=3000\nMY_FLAG=1\nJWT_SECRET=abc\nNODE_ENV=test\nPORT=3001\n';
    const symbols = documentSymbols(parseEnv(text), testCatalog);
    expect(symbols.map((s) => [s.name, s.kind, s.children?.map((c) => c.name)])).toEqual([
      ['deployment', SymbolKind.Namespace, ['NODE_ENV']],
      ['api', SymbolKind.Namespace, ['PORT', 'PORT']],
      ['security', SymbolKind.Namespace, ['JWT_SECRET']],
      [OTHER_GROUP, SymbolKind.Namespace, ['MY_FLAG']],
    ]);
    const api = symbols[1];
    expect(api?.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 4, character: 9 } });
    expect(api?.children?.[0]?.detail).toBe('int 1–65535 · overridden by a later line');
    expect(api?.children?.[0]?.selectionRange).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 4 } });
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
