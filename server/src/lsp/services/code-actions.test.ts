import { CodeActionKind, type TextDocumentEdit } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../../shared/src/findings';
import { FIX_ALL_KIND } from '../../../../shared/src/protocol';
import { FIX_ALL_TITLE, FixAllDataSchema, kindRequested, quickFixes, resolvedFixAll, unresolvedFixAll } from './code-actions';
import { toDiagnostic } from './diagnostics';

const uri = 'file:///w/.env';
const r = (line: number, a: number, b: number) => ({ start: { line, character: a }, end: { line, character: b } });
const nodeEnv: Finding = {
  rule: 'invalid-value',
  level: 'error',
  message: 'NODE_ENV must be one of development, test, staging, production.',
  range: r(0, 9, 13),
  key: 'NODE_ENV',
  fixes: [
    { title: 'Change to production', edits: [{ range: r(0, 9, 13), newText: 'production' }], preferred: true, safe: false },
    { title: 'Change to test', edits: [{ range: r(0, 9, 13), newText: 'test' }], safe: false },
  ],
};

describe('quickFixes', () => {
  it('offers each fix, preferred first as the engine ordered them, as a versioned edit', () => {
    const d = toDiagnostic(nodeEnv, 4);
    const actions = quickFixes(uri, 4, [d]);
    expect(actions.map((a) => [a.title, a.kind, a.isPreferred])).toEqual([
      ['Change to production', CodeActionKind.QuickFix, true],
      ['Change to test', CodeActionKind.QuickFix, undefined],
    ]);
    const change = actions[0]?.edit?.documentChanges?.[0] as TextDocumentEdit;
    expect(change.textDocument).toEqual({ uri, version: 4 });
    expect(change.edits).toEqual([{ range: r(0, 9, 13), newText: 'production' }]);
    expect(actions[0]?.diagnostics).toEqual([d]);
  });

  it('finds fixes by data, not by message text', () => {
    const d = { ...toDiagnostic(nodeEnv, 1), message: 'rewritten by some other tool' };
    expect(quickFixes(uri, 1, [d])).toHaveLength(2);
  });

  it('skips diagnostics of another document version: their edits would hit the wrong characters', () => {
    expect(quickFixes(uri, 5, [toDiagnostic(nodeEnv, 4)])).toEqual([]);
  });

  it('offers an edit proposed by two rules once, naming both diagnostics, preferred when either is', () => {
    const rename = (rule: 'lowercase-key' | 'unknown-key', preferred: boolean): Finding => ({
      rule,
      level: 'warning',
      message: `${rule} on log_level`,
      range: r(0, 0, 9),
      fixes: [{ title: 'Rename to LOG_LEVEL', edits: [{ range: r(0, 0, 9), newText: 'LOG_LEVEL' }], preferred, safe: false }],
    });
    const a = toDiagnostic(rename('lowercase-key', true), 1);
    const b = toDiagnostic(rename('unknown-key', true), 1);
    const actions = quickFixes(uri, 1, [a, b]);
    expect(actions.map((x) => [x.title, x.isPreferred])).toEqual([['Rename to LOG_LEVEL', true]]);
    expect(actions[0]?.diagnostics).toEqual([a, b]);
  });

  it('finds the data of a diagnostic that came back without it, and marks no preference when the client cannot take one', () => {
    const bare = { ...toDiagnostic(nodeEnv, 3), data: undefined };
    const actions = quickFixes(uri, 3, [bare], { preferred: false, lookup: () => toDiagnostic(nodeEnv, 3).data as never });
    expect(actions.map((a) => [a.title, a.isPreferred])).toEqual([
      ['Change to production', undefined],
      ['Change to test', undefined],
    ]);
  });

  it('skips foreign diagnostics', () => {
    expect(quickFixes(uri, 1, [{ ...toDiagnostic(nodeEnv, 1), source: 'dotenv-linter' }])).toEqual([]);
  });
});

describe('fix all', () => {
  it('is offered unresolved with the version it was offered for, then resolved with a versioned edit', () => {
    const u = unresolvedFixAll(uri, 9);
    expect(u.kind).toBe(FIX_ALL_KIND);
    expect(u.title).toBe(FIX_ALL_TITLE);
    expect(u.edit).toBeUndefined();
    expect(FixAllDataSchema.parse(u.data).fixAll).toEqual({ uri, version: 9 });
    const edit = { range: r(0, 0, 1), newText: 'X' };
    expect(resolvedFixAll(uri, 9, edit).edit?.documentChanges?.[0]).toEqual({ textDocument: { uri, version: 9 }, edits: [edit] });
    expect(resolvedFixAll(uri, 9, undefined).edit).toBeUndefined();
  });
});

it('matches code action kinds hierarchically', () => {
  expect(kindRequested(undefined, FIX_ALL_KIND)).toBe(true);
  expect(kindRequested(['source'], FIX_ALL_KIND)).toBe(true);
  expect(kindRequested(['source.fixAll'], FIX_ALL_KIND)).toBe(true);
  expect(kindRequested(['quickfix'], FIX_ALL_KIND)).toBe(false);
  expect(kindRequested(['source.fixAll.m1'], FIX_ALL_KIND)).toBe(false);
});
