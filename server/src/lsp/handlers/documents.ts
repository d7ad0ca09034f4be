// Document lifecycle: every open/change is validated (see the scheduler), connectivity runs on
// open/save per the setting, and closing clears everything the server held for the document.
import { dirname } from 'node:path';
import type { TextDocumentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isExampleFile } from '../../engine/context';
import { fileNameOf } from '../services/documents';
import type { ServerContext } from './context';
import { runConnectivity } from './connectivity';
import { detach, guardNotification } from './guard';

type Event = TextDocumentChangeEvent<TextDocument>;

export function registerDocuments(ctx: ServerContext): void {
  const { documents, log } = ctx;
  documents.onDidChangeContent(guardNotification(log, 'didChange', (e: Event) => changed(ctx, e.document.uri)));
  documents.onDidOpen(guardNotification(log, 'didOpen', (e: Event) => connectivityOn(ctx, e.document.uri, 'open')));
  documents.onDidSave(guardNotification(log, 'didSave', (e: Event) => connectivityOn(ctx, e.document.uri, 'save')));
  documents.onDidClose(guardNotification(log, 'didClose', (e: Event) => closed(ctx, e.document.uri)));
}

function changed(ctx: ServerContext, uri: string): void {
  ctx.scheduler.changed(uri);
  // The example sibling feeds the example-sync rules of the files beside it.
  if (isExampleFile(fileNameOf(uri))) for (const other of siblingsOf(ctx, uri)) ctx.scheduler.changed(other);
}

function siblingsOf(ctx: ServerContext, uri: string): string[] {
  const dir = dirname(fileNameOf(uri));
  return ctx.documents.keys().filter((u) => u !== uri && dirname(fileNameOf(u)) === dir);
}

/** `onOpen` checks on open and on save; `onSave` only on save; never on a keystroke. */
async function connectivityOn(ctx: ServerContext, uri: string, event: 'open' | 'save'): Promise<void> {
  const mode = (await ctx.settings.get(uri)).validation.connectivity;
  if (mode === 'off' || (mode === 'onSave' && event === 'open')) return;
  await runConnectivity(ctx, uri);
}

function closed(ctx: ServerContext, uri: string): void {
  ctx.scheduler.closed(uri);
  ctx.connectivity.forget(uri);
  ctx.parsed.forget(uri);
  ctx.settings.forget(uri);
  if (!ctx.client.pullDiagnostics) detach(ctx.log, 'clear diagnostics', ctx.connection.sendDiagnostics({ uri, diagnostics: [] }));
}
