import { CompletionItemKind, InsertTextFormat, type CompletionItem, type TextEdit } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import { complete, valueSnippet } from './completion';
import { parseDocument } from './parsed';
import { DEBUG, JWT_SECRET, PORT, testCatalog } from './test-catalog';

const at = (text: string, line: number, character: number): CompletionItem[] => complete(parseDocument(1, text), { line, character }, testCatalog);
const edit = (i: CompletionItem | undefined) => i?.textEdit as TextEdit | undefined;

describe('key completion', () => {
  it('offers the catalog keys the file does not set yet, as snippets with the default', () => {
    const items = at('PORT=3000\nNO', 1, 2);
    expect(items.map((i) => i.label)).toEqual(['NODE_ENV', 'JWT_SECRET', 'DEBUG', 'REDIS_URL']);
    const nodeEnv = items[0];
    expect(nodeEnv?.insertTextFormat).toBe(InsertTextFormat.Snippet);
    expect(edit(nodeEnv)).toEqual({ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 2 } }, newText: 'NODE_ENV=${1|development,test,staging,production|}' });
  });

  it('inserts plain text (the default, or nothing) for a client without snippets, with plain documentation', () => {
    const items = complete(parseDocument(1, 'PORT=3000\n'), { line: 1, character: 0 }, testCatalog, { snippets: false, markdown: false, preselect: false, enumMember: false });
    expect(items.every((i) => i.insertTextFormat === InsertTextFormat.PlainText)).toBe(true);
    expect(items.map((i) => edit(i)?.newText).filter((t) => /\$\{?\d/.test(t ?? ''))).toEqual([]);
    expect(edit(items.find((i) => i.label === 'NODE_ENV'))?.newText).toBe('NODE_ENV=development');
    expect(edit(items.find((i) => i.label === 'JWT_SECRET'))?.newText).toBe('JWT_SECRET=');
    expect(items.every((i) => typeof i.documentation === 'string')).toBe(true);
  });

  it('marks no preselection and uses a basic kind for a client that declared neither', () => {
    const items = complete(parseDocument(1, 'DEBUG='), { line: 0, character: 6 }, testCatalog, { snippets: false, markdown: false, preselect: false, enumMember: false });
    expect(items.some((i) => i.preselect !== undefined)).toBe(false);
    expect(items.every((i) => i.kind === CompletionItemKind.Value)).toBe(true);
  });

  it('does not count the key being edited on the cursor line as present', () => {
    expect(at('PORT=3000\nPO', 1, 2).map((i) => i.label)).not.toContain('PORT');
    expect(at('PORT=3000', 0, 2).map((i) => i.label)).toContain('PORT');
  });

  it('inserts only the key when the line already has a separator', () => {
    expect(edit(at('PO=1', 0, 2).find((i) => i.label === 'PORT'))?.newText).toBe('PORT');
  });

  it('starts after `export `', () => {
    expect(edit(at('export PO', 0, 9)[0])?.range.start.character).toBe(7);
  });

  it('offers nothing inside a multi-line value', () => {
    expect(at('A="one\ntwo"', 1, 1)).toEqual([]);
  });
});

describe('value completion', () => {
  it('offers the allowed values after the separator, the default preselected', () => {
    const items = at('DEBUG=', 0, 6);
    expect(items.map((i) => i.label)).toEqual(['true', 'false', '1', '0']);
    expect(items.find((i) => i.preselect)?.label).toBe('false');
    expect(edit(items[0])?.range).toEqual({ start: { line: 0, character: 6 }, end: { line: 0, character: 6 } });
  });

  it('replaces the word already typed, inside quotes too', () => {
    expect(edit(at('NODE_ENV="pro"', 0, 12)[0])?.range).toEqual({ start: { line: 0, character: 10 }, end: { line: 0, character: 13 } });
  });

  it('offers nothing for free-form values', () => {
    expect(at('PORT=', 0, 5)).toEqual([]);
  });
});

describe('valueSnippet', () => {
  it('never proposes a secret, escapes snippet syntax, defaults first in choices', () => {
    expect(valueSnippet(JWT_SECRET)).toBe('$1');
    expect(valueSnippet(PORT)).toBe('${1:3000}');
    expect(valueSnippet({ ...PORT, defaultValue: '${HOME}/x' })).toBe('${1:\\${HOME\\}/x}');
    expect(valueSnippet(DEBUG)).toBe('${1|false,true,1,0|}');
  });
});
