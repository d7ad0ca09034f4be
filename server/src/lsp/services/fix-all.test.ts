import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { hasSafeFix, minimalEdit } from './fix-all';

const apply = (before: string, after: string): string => {
  const e = minimalEdit(before, after);
  return e ? TextDocument.applyEdits(TextDocument.create('file:///x', 'dotenv', 1, before), [e]) : before;
};

describe('minimalEdit', () => {
  it('replaces only the span that changed', () => {
    expect(minimalEdit('A=1\nB=2 \nC=3\n', 'A=1\nB=2\nC=3\n')).toEqual({ range: { start: { line: 1, character: 3 }, end: { line: 1, character: 4 } }, newText: '' });
  });

  it('round-trips any pair of texts, line breaks and surrogate pairs included', () => {
    const cases: [string, string][] = [
      ['a\r\nb', 'a\nb'],
      ['x😀y', 'x😁y'],
      ['', 'A=1\n'],
      ['A=1\n', ''],
      ['same', 'same'],
      ['k=v\r\n', 'k=v\r\n\r\n'],
    ];
    for (const [before, after] of cases) expect(apply(before, after)).toBe(after);
  });

  it('returns nothing when nothing changed', () => {
    expect(minimalEdit('A=1', 'A=1')).toBeUndefined();
  });
});

it('hasSafeFix looks only at safe fixes with edits', () => {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
  const f = (safe: boolean, edits = [{ range, newText: '' }]) => ({ rule: 'trailing-whitespace' as const, level: 'info' as const, message: 'm', range, fixes: [{ title: 't', edits, safe }] });
  expect(hasSafeFix([f(false)])).toBe(false);
  expect(hasSafeFix([f(true, [])])).toBe(false);
  expect(hasSafeFix([f(false), f(true)])).toBe(true);
});
