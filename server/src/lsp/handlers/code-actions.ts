// Code actions: quick fixes straight from Diagnostic.data; "fix all" offered when the current
// version has a safe fix, its edit computed by the engine's fixAll() on resolve (or at once for
// clients that cannot resolve).
import { CodeActionKind, type CodeAction } from 'vscode-languageserver';
import { FIX_ALL_KIND } from '../../../../shared/src/protocol';
import { FixAllDataSchema, kindRequested, quickFixes, resolvedFixAll, unresolvedFixAll } from '../services/code-actions';
import { fixAllEdit, hasSafeFix } from '../services/fix-all';
import type { ServerContext } from './context';
import { validationInput } from './diagnostics';
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
        if (v && v.version === ctx.documents.get(uri)?.version && hasSafeFix(v.output.findings)) {
          actions.push(ctx.client.codeActionResolve ? unresolvedFixAll(uri, v.version) : await fixAllNow(ctx, uri, v.version));
        }
      }
      return actions;
    }),
  );
  ctx.connection.onCodeActionResolve(
    guardRequest(ctx.log, 'codeAction/resolve', { title: 'M1', kind: FIX_ALL_KIND }, async (action): Promise<CodeAction> => {
      const data = FixAllDataSchema.safeParse(action.data);
      if (!data.success) return action;
      return fixAllNow(ctx, data.data.fixAll.uri, data.data.fixAll.version);
    }),
  );
}

/** The fix-all edit for `version`; none when the document has moved on (its edit would be stale). */
async function fixAllNow(ctx: ServerContext, uri: string, version: number): Promise<CodeAction> {
  const doc = ctx.documents.get(uri);
  if (!doc || doc.version !== version) return resolvedFixAll(uri, version, undefined);
  const input = validationInput(ctx, { uri, version, text: doc.getText() }, await ctx.settings.get(uri));
  return resolvedFixAll(uri, version, fixAllEdit(input));
}
