// Code actions: quick fixes straight from Diagnostic.data; "fix all" from the validation of the
// document's current version (waiting for it if a run is in flight).
import { CodeActionKind, type CodeAction } from 'vscode-languageserver';
import { FIX_ALL_KIND } from '../../../../shared/src/protocol';
import { fixAllAction, kindRequested, quickFixes } from '../services/code-actions';
import { fixAllEdits } from '../services/fix-all';
import type { ServerContext } from './context';
import { guardRequest } from './guard';

export function registerCodeActions(ctx: ServerContext): void {
  ctx.connection.onCodeAction(
    guardRequest(ctx.log, 'codeAction', [], async (p): Promise<CodeAction[]> => {
      const uri = p.textDocument.uri;
      const doc = ctx.documents.get(uri);
      if (!doc) return [];
      const only = p.context.only;
      const actions = kindRequested(only, CodeActionKind.QuickFix) ? quickFixes(uri, doc.version, p.context.diagnostics) : [];
      if (kindRequested(only, FIX_ALL_KIND)) {
        const v = await ctx.scheduler.whenValidated(uri, doc.version);
        // The document moved on while we waited: its fix-all will be asked for again.
        const all = v && v.version === ctx.documents.get(uri)?.version ? fixAllAction(uri, v.version, fixAllEdits(v.output.findings)) : undefined;
        if (all) actions.push(all);
      }
      return actions;
    }),
  );
}
