// Push diagnostics, quick fixes, fix-all, the change storm, hover, completion, outline, folding.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DiagnosticSeverity,
  DiagnosticTag,
  type CodeAction,
  type CompletionItem,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
} from 'vscode-languageserver/node';
import { FIX_ALL_KIND } from '../../../shared/src/protocol';
import { fixAll } from '../../../server/src/engine/apply-fixes';
import { LspSession, byRule, hoverText, uriOf, TEST_DIR } from '../harness';

export function editingSuite(): void {
  describe('push diagnostics, quick fixes and editor features', () => {
    let s: LspSession;
    beforeAll(async () => {
      s = await LspSession.start();
    });
    afterAll(async () => {
      expect(await s.stop()).toBe(0);
    });

    const text = 'NODE_ENV=prodution\nJWT_SECRET=changeme\nPORT=3000\nmy_flag=1\n';

    it('publishes diagnostics on open for version 1, with rule ids, severities, levels and fixes', async () => {
      const uri = uriOf('open.env');
      await s.open(uri, text);
      const { diagnostics, version } = await s.diagnostics(uri, 1);
      expect(version).toBe(1);
      const invalid = byRule(diagnostics, 'invalid-value');
      expect(invalid).toMatchObject({ severity: DiagnosticSeverity.Error, source: 'm1-ops', range: { start: { line: 0, character: 9 }, end: { line: 0, character: 18 } } });
      expect(invalid?.codeDescription?.href).toMatch(/rules\.md#invalid-value$/);
      expect(invalid?.data).toMatchObject({ level: 'error', rule: 'invalid-value', documentVersion: 1 });
      const critical = byRule(diagnostics, 'placeholder-secret');
      expect(critical?.severity).toBe(DiagnosticSeverity.Error);
      expect(critical?.message).toMatch(/^Critical:/);
      expect(critical?.data).toMatchObject({ level: 'critical' });
      expect(byRule(diagnostics, 'unknown-key')?.severity).toBe(DiagnosticSeverity.Information);
      expect(JSON.stringify(diagnostics)).not.toContain('changeme');
    });

    it('tags a line without effect as unnecessary, with the severity of its level', async () => {
      const uri = uriOf('duplicate.env');
      await s.open(uri, 'PORT=3000\nPORT=3001\n');
      const d = byRule((await s.diagnostics(uri, 1)).diagnostics, 'duplicated-key');
      expect(d?.range.start.line).toBe(0);
      expect(d?.tags).toEqual([DiagnosticTag.Unnecessary]);
      const level = (d?.data as { level: string }).level;
      expect(d?.severity).toBe({ critical: 1, error: 1, warning: 2, info: 3 }[level]);
    });

    it('turns a quick fix into a versioned edit that gives the expected text', async () => {
      const uri = uriOf('fix.env');
      await s.open(uri, text);
      const { diagnostics } = await s.diagnostics(uri, 1);
      const d = byRule(diagnostics, 'invalid-value');
      const actions = await s.conn.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d?.range, context: { diagnostics: [d], only: ['quickfix'] } });
      const preferred = actions.find((a) => a.isPreferred);
      expect(preferred?.title).toContain('production');
      expect(preferred?.edit?.documentChanges?.[0]).toMatchObject({ textDocument: { uri, version: 1 } });
      expect(s.applyEdit(preferred?.edit ?? {})).toEqual({ applied: true, text: text.replace('prodution', 'production') });
    });

    it('refuses a stale edit: the document changed after the quick fix was computed', async () => {
      const uri = uriOf('stale.env');
      await s.open(uri, text);
      const { diagnostics } = await s.diagnostics(uri, 1);
      const d = byRule(diagnostics, 'invalid-value');
      const request = { textDocument: { uri }, range: d?.range, context: { diagnostics: [d], only: ['quickfix'] } };
      const [fix] = await s.conn.sendRequest<CodeAction[]>('textDocument/codeAction', request);
      await s.change(uri, `# moved\n${text}`);
      expect(s.applyEdit(fix?.edit ?? {})).toEqual({ applied: false });
      // Asked again with the old diagnostic, the server offers nothing rather than a misplaced edit.
      expect(await s.conn.sendRequest<CodeAction[]>('textDocument/codeAction', request)).toEqual([]);
    });

    it('fixes all safe issues of the file at once, exactly as the engine (and the CLI) do', async () => {
      const uri = uriOf('fixall.env');
      // Safe fixes only (they change no value): the trailing blanks and the extra blank lines go; the
      // case of Production and the trailing / are offered one by one, never applied in bulk.
      const before = 'NODE_ENV=Production  \n\n\n\nM1_API_BASE_URL=https://api.example.com/\nJWT_SECRET=changeme\n';
      await s.open(uri, before);
      await s.validationRun(uri, 1);
      const actions = await s.conn.sendRequest<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: [FIX_ALL_KIND] },
      });
      expect(actions.map((a) => [a.title, a.kind])).toEqual([['Fix all M1 issues in this file', FIX_ALL_KIND]]);
      const after = s.applyEdit(actions[0]?.edit ?? {});
      const expected = fixAll(before, { fileName: join(TEST_DIR, 'fixall.env') }).text;
      expect(expected).not.toBe(before);
      expect(after).toEqual({ applied: true, text: expected });
      expect(after.text).toBe('NODE_ENV=Production\n\nM1_API_BASE_URL=https://api.example.com/\nJWT_SECRET=changeme\n');
    });

    it('validates a storm of changes in fewer runs than changes, ending on the last version', async () => {
      const uri = uriOf('storm.env');
      await s.open(uri, 'PORT=1\n');
      const changes: Promise<number>[] = [];
      for (let i = 2; i <= 40; i++) changes.push(s.change(uri, `PORT=${i}\nNODE_ENV=${i % 2 ? 'test' : 'bogus'}\n`));
      const last = Math.max(...(await Promise.all(changes)));
      const run = await s.validationRun(uri, last);
      expect(run.runs).toBeLessThan(40);
      const published = s.all('textDocument/publishDiagnostics').filter((p) => (p as { uri: string }).uri === uri);
      expect((published.at(-1) as { version: number }).version).toBe(last);
    });

    it('clears diagnostics on close', async () => {
      const uri = uriOf('close.env');
      await s.open(uri, text);
      await s.diagnostics(uri, 1);
      await s.close(uri);
      const cleared = await s.waitFor<{ uri: string; diagnostics: unknown[] }>('textDocument/publishDiagnostics', (p) => p.uri === uri && p.diagnostics.length === 0);
      expect(cleared.diagnostics).toEqual([]);
    });

    it('hovers a key with its catalog entry, and never shows a secret value', async () => {
      const uri = uriOf('hover.env');
      await s.open(uri, 'JWT_SECRET=Zx9-very-private-value-Q7\nX=${JWT_SECRET}\nPORT=8080\nHOST=db.internal\nDATABASE_URL=postgres://app:pw-Q7@${HOST}/m1\n');
      await s.validationRun(uri, 1);
      const at = (line: number, character: number) => s.conn.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
      const key = hoverText(await at(0, 3));
      expect(key).toContain('**JWT_SECRET** · security');
      expect(key).toContain('Profile in force: `development`');
      const values = hoverText(await at(0, 15)) + hoverText(await at(1, 5));
      expect(values).toContain('secret');
      expect(values).not.toContain('very-private');
      expect(hoverText(await at(2, 6))).toContain('8080');
      const url = hoverText(await at(4, 20));
      expect(url).toContain('postgres://app:****@db.internal/m1'); // interpolated, password masked
      expect(url).not.toContain('pw-Q7');
    });

    it('completes the catalog keys missing from the file, and allowed values', async () => {
      const uri = uriOf('complete.env');
      await s.open(uri, 'PORT=3000\n\nNODE_ENV=\n');
      const keys = await s.conn.sendRequest<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 0 } });
      const labels = keys.map((k) => k.label);
      expect(labels).toContain('JWT_SECRET');
      expect(labels).toContain('REDIS_URL');
      expect(labels).not.toContain('PORT');
      expect(labels).not.toContain('NODE_ENV');
      const values = await s.conn.sendRequest<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 9 } });
      expect(values.map((v) => v.label)).toEqual(['development', 'test', 'staging', 'production']);
    });

    it('outlines variables by catalog group, in runs that never overlap, and folds multi-line values', async () => {
      const uri = uriOf('outline.env');
      await s.open(uri, 'PORT=3000\nNODE_ENV=test\nJWT_PUBLIC_KEY="-----BEGIN PUBLIC KEY-----\nabc\n-----END PUBLIC KEY-----"\nMY_OWN=1\n');
      const symbols = await s.conn.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      expect(symbols.map((g) => [g.name, g.children?.map((c) => c.name)])).toEqual([
        ['api', ['PORT']],
        ['deployment', ['NODE_ENV']],
        ['security', ['JWT_PUBLIC_KEY']],
        ['other', ['MY_OWN']],
      ]);
      for (const [i, g] of symbols.entries()) if (symbols[i + 1]) expect(g.range.end.line).toBeLessThan(symbols[i + 1]?.range.start.line ?? 0);
      const folds = await s.conn.sendRequest<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
      expect(folds).toEqual([{ startLine: 2, endLine: 4 }]);
    });
  });

}
