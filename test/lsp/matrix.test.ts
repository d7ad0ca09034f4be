// The same scenarios for every real client profile (test/lsp/clients/): what the server sends must
// match what each client declared, and diagnostics that change without an edit must reach each
// client (pushed, or pulled again after a refresh).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CompletionItemKind,
  InsertTextFormat,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type Hover,
  type MarkupContent,
  type SymbolInformation,
} from 'vscode-languageserver/node';
import { FIX_ALL_KIND } from '../../shared/src/protocol';
import { CREDENTIAL_CORPUS, secretPartsOf } from '../../server/src/catalog/secret-corpus';
import { freePort } from '../support/ports';
import { ClientDriver, declared, loadProfiles } from './client-driver';
import { uriOf } from './harness';

const has = (rule: string) => (ds: Diagnostic[]) => ds.some((d) => d.code === rule);
const lacks = (rule: string) => (ds: Diagnostic[]) => !ds.some((d) => d.code === rule);

describe.each(loadProfiles())('client $name', (profile) => {
  const want = declared(profile.capabilities);
  const uri = (name: string): string => uriOf(`${profile.name}/${name}`);
  let c: ClientDriver;
  beforeAll(async () => {
    c = await ClientDriver.start(profile);
  });
  afterAll(async () => {
    expect(await c.s.stop()).toBe(0);
  });

  it('is answered with pull diagnostics only when it can be asked to pull again, and in UTF-16 positions', () => {
    expect(c.pulls).toBe(want.pull);
    const caps = c.s.initializeResult?.capabilities;
    expect(caps?.positionEncoding ?? 'utf-16').toBe('utf-16');
    const resolve = typeof caps?.codeActionProvider === 'object' && caps.codeActionProvider.resolveProvider === true;
    expect(resolve).toBe(want.resolve);
  });

  it('open, then edit: diagnostics for each version, shaped as declared', async () => {
    const u = uri('edit.env');
    const m = c.s.mark();
    await c.s.open(u, 'NODE_ENV=prodution\n');
    const [d] = (await c.diagnostics(u, has('invalid-value'), m)).filter((x) => x.code === 'invalid-value');
    expect(d?.data !== undefined).toBe(want.data);
    expect(d?.codeDescription !== undefined).toBe(want.codeDescription);
    const m2 = c.s.mark();
    await c.s.change(u, 'NODE_ENV=production\n');
    expect((await c.diagnostics(u, lacks('invalid-value'), m2)).map((x) => x.code)).not.toContain('invalid-value');
    if (!c.pulls) {
      const pushed = c.s.all('textDocument/publishDiagnostics').filter((p) => (p as { uri: string }).uri === u) as { version?: number }[];
      expect(pushed.every((p) => (p.version !== undefined) === want.version)).toBe(true);
    }
  });

  it('offers one quick fix per distinct edit, from the diagnostics as this client hands them back', async () => {
    const u = uri('.env');
    const text = 'log_level=info\n';
    const m = c.s.mark();
    await c.s.open(u, text);
    const ds = await c.diagnostics(u, (x) => has('lowercase-key')(x) && has('unknown-key')(x), m);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 9 } };
    const actions = await c.s.conn.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: u }, range, context: { diagnostics: ds, only: ['quickfix'] } });
    const renames = actions.filter((a) => a.title === 'Rename to LOG_LEVEL');
    expect(renames).toHaveLength(1);
    expect(renames[0]?.isPreferred === true).toBe(want.preferred);
    expect(c.s.applyEdit(renames[0]?.edit ?? {})).toEqual({ applied: true, text: 'LOG_LEVEL=info\n' });
    const fixAll = await c.s.conn.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: u }, range, context: { diagnostics: [], only: [FIX_ALL_KIND] } });
    for (const a of fixAll) expect(a.data !== undefined).toBe(want.resolve);
  });

  it('a settings change reaches the open documents (unknown-key turned off)', async () => {
    const u = uri('settings.env');
    const m = c.s.mark();
    await c.s.open(u, 'my_flag=1\n');
    await c.diagnostics(u, has('unknown-key'), m);
    const m2 = c.s.mark();
    await c.changeSettings({ validation: { schema: 'm1', connectivity: 'onSave', rules: { 'unknown-key': 'off' } } });
    expect((await c.diagnostics(u, lacks('unknown-key'), m2)).map((d) => d.code)).not.toContain('unknown-key');
  });

  it('an unsaved edit of the sibling .env.example updates the .env beside it', async () => {
    const env = uri('sibling/.env');
    const example = uri('sibling/.env.example');
    const m = c.s.mark();
    await c.s.open(example, 'PORT=\n');
    await c.s.open(env, 'PORT=1\nEXTRA_THING=2\n');
    await c.diagnostics(env, has('undocumented-key'), m);
    const m2 = c.s.mark();
    await c.s.change(example, 'PORT=\nEXTRA_THING=\n');
    await c.diagnostics(env, lacks('undocumented-key'), m2);
  });

  it('connectivity results found on save reach the client, then close clears them', async () => {
    const u = uri('connect.env');
    const port = await freePort();
    const m = c.s.mark();
    await c.s.open(u, `REDIS_URL=redis://127.0.0.1:${port}\n`);
    await c.diagnostics(u, lacks('unreachable'), m);
    const m2 = c.s.mark();
    await c.s.save(u);
    const [d] = (await c.diagnostics(u, has('unreachable'), m2)).filter((x) => x.code === 'unreachable');
    expect(d?.message).toMatch(/connection refused/);
    const m3 = c.s.mark();
    await c.s.close(u);
    if (!c.pulls) await c.diagnostics(u, (ds) => ds.length === 0, m3);
  });

  it('completes with snippets only when declared, and documentation in a declared format', async () => {
    const u = uri('complete.env');
    await c.s.open(u, 'PORT=3000\n\n');
    const items = await c.s.conn.sendRequest<CompletionItem[]>('textDocument/completion', { textDocument: { uri: u }, position: { line: 1, character: 0 } });
    const env = items.find((i) => i.label === 'JWT_ALGORITHM') ?? items[0];
    expect(env?.insertTextFormat === InsertTextFormat.Snippet).toBe(want.snippets);
    const texts = items.map((i) => (i.textEdit && 'newText' in i.textEdit ? i.textEdit.newText : ''));
    if (!want.snippets) expect(texts.filter((t) => /\$\{?\d/.test(t))).toEqual([]);
    expect(items.every((i) => (typeof i.documentation === 'object') === want.completionMarkdown)).toBe(true);
    await c.s.change(u, 'PORT=3000\nDEBUG=\n');
    const values = await c.s.conn.sendRequest<CompletionItem[]>('textDocument/completion', { textDocument: { uri: u }, position: { line: 1, character: 6 } });
    expect(values.map((v) => v.label)).toContain('false');
    expect(values.some((v) => v.preselect === true)).toBe(want.preselect);
    expect(values.every((v) => v.kind === (want.enumMember ? CompletionItemKind.EnumMember : CompletionItemKind.Value))).toBe(true);
  });

  it('hovers in markdown only when declared; outlines hierarchically only when declared', async () => {
    const u = uri('features.env');
    await c.s.open(u, 'PORT=3000\nNODE_ENV=test\nMY_OWN=1\n');
    const h = await c.s.conn.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: u }, position: { line: 0, character: 1 } });
    expect((h?.contents as MarkupContent).kind).toBe(want.hoverMarkdown ? 'markdown' : 'plaintext');
    const symbols = await c.s.conn.sendRequest<(DocumentSymbol | SymbolInformation)[]>('textDocument/documentSymbol', { textDocument: { uri: u } });
    expect(symbols.every((x) => ('children' in x) === want.hierarchical)).toBe(true);
  });

  it('shows no value of the credential corpus in hover, outline, completion, diagnostics or logs', async () => {
    const u = uri('secrets.env');
    const lines = CREDENTIAL_CORPUS.map(([k, v]) => `${k}=${v}`);
    const m = c.s.mark();
    await c.s.open(u, `${lines.join('\n')}\n\n`);
    const ds = await c.diagnostics(u, has('committed-secret'), m);
    const hovers = await Promise.all(
      lines.map((l, line) => c.s.conn.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: u }, position: { line, character: l.indexOf('=') + 3 } })),
    );
    const symbols = await c.s.conn.sendRequest<unknown>('textDocument/documentSymbol', { textDocument: { uri: u } });
    const completion = await c.s.conn.sendRequest<unknown>('textDocument/completion', { textDocument: { uri: u }, position: { line: lines.length, character: 0 } });
    const shown = JSON.stringify([ds.map((d) => d.message), hovers.map((h) => (h?.contents as MarkupContent | undefined)?.value), symbols, completion, c.s.all('window/logMessage'), c.s.all('window/showMessage')]);
    for (const [, value] of CREDENTIAL_CORPUS) for (const part of secretPartsOf(value)) expect(shown, part).not.toContain(JSON.stringify(part).slice(1, -1));
  });

  it('never pushes diagnostics to a client that pulls them', () => {
    if (c.pulls) expect(c.s.all('textDocument/publishDiagnostics')).toEqual([]);
  });
});
