// Runs inside VS Code's extension host (@vscode/test-electron): the thin glue of client/src that the
// vitest suite covers only with a stand-in for `vscode`. Needs a VS Code download, which this
// project's CI machine cannot make: run it where one can, with `npm run test:vscode`.
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from '../../client/src/commands';

const EXTENSION_ID = 'm1-ops.m1-ops';
const WAIT_MS = 20_000;

function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : c === undefined ? undefined : String(c);
}

/** Resolves with the document's m1-ops diagnostics once `ready` accepts them (event-driven, bounded). */
function diagnosticsWhen(uri: vscode.Uri, ready: (ds: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  const ours = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'm1-ops');
  return new Promise((resolve, reject) => {
    if (ready(ours())) return resolve(ours());
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no matching diagnostics for ${uri.fsPath} within ${WAIT_MS} ms: ${JSON.stringify(ours().map(codeOf))}`));
    }, WAIT_MS);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString()) || !ready(ours())) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(ours());
    });
  });
}

async function openEnv(name: string, text: string): Promise<vscode.TextEditor> {
  const file = join(mkdtempSync(join(tmpdir(), 'm1-vscode-')), name);
  writeFileSync(file, text);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  return vscode.window.showTextDocument(doc);
}

const tests: [string, () => Promise<void>][] = [
  [
    'activates and registers every command of the table',
    async () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(ext, `${EXTENSION_ID} is not installed in the test instance`);
      await ext.activate();
      const registered = new Set(await vscode.commands.getCommands(true));
      for (const c of COMMANDS) assert.ok(registered.has(c.id), `${c.id} is not registered`);
    },
  ],
  [
    'a .env.production file is dotenv and gets the critical finding as an Error with its rule id',
    async () => {
      const editor = await openEnv('.env.production', 'NODE_ENV=production\nJWT_SECRET=changeme\n');
      assert.equal(editor.document.languageId, 'dotenv');
      const ds = await diagnosticsWhen(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'placeholder-secret'));
      const d = ds.find((x) => codeOf(x) === 'placeholder-secret');
      assert.ok(d);
      assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
      assert.match(d.message, /^Critical:/);
      assert.doesNotMatch(d.message, /changeme/);
    },
  ],
  [
    'offers the finding’s quick fix, and applying it changes the document',
    async () => {
      // M1_REGION makes it an M1 config: debug-in-production is one of the catalog's production rules.
      const editor = await openEnv('.env', 'DEBUG=true\nNODE_ENV=production\nM1_REGION=eu-west-1\n');
      const ds = await diagnosticsWhen(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'debug-in-production'));
      const d = ds.find((x) => codeOf(x) === 'debug-in-production');
      assert.ok(d);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, d.range);
      const fix = actions.find((a) => a.kind?.value === vscode.CodeActionKind.QuickFix.value && a.diagnostics?.some((x) => codeOf(x) === 'debug-in-production'));
      assert.ok(fix?.edit, `no quick fix for debug-in-production: ${JSON.stringify(actions.map((a) => a.title))}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.match(editor.document.getText(), /^DEBUG=false$/m);
    },
  ],
  [
    'Generate Secret inserts a 48-byte base64url secret at the cursor',
    async () => {
      const editor = await openEnv('.env.local', 'JWT_SECRET=');
      const end = editor.document.lineAt(0).range.end;
      editor.selection = new vscode.Selection(end, end);
      await vscode.commands.executeCommand('m1ops.generateSecret');
      assert.match(editor.document.lineAt(0).text, /^JWT_SECRET=[A-Za-z0-9_-]{64}$/);
    },
  ],
];

/** Entry point called by @vscode/test-electron; rejects when a test fails. */
export async function run(): Promise<void> {
  const failures: string[] = [];
  for (const [name, test] of tests) {
    try {
      await test();
      console.log(`  ok   ${name}`);
    } catch (e) {
      failures.push(name);
      console.error(`  FAIL ${name}\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  }
  console.log(`${tests.length - failures.length} passed, ${failures.length} failed`);
  if (failures.length > 0) throw new Error(`${failures.length} VS Code test(s) failed: ${failures.join('; ')}`);
}
