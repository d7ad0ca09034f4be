// Code actions: quick fixes straight from Diagnostic.data; "fix all" offered when the current
// version has a safe fix, its edit computed by the engine's fixAll() on resolve (or at once for
// clients that cannot resolve).
import { CodeActionKind, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver';
import { FIX_ALL_KIND } from '../../../../shared/src/protocol';
import { FixAllDataSchema, kindRequested, quickFixes, resolvedFixAll, unresolvedFixAll } from '../services/code-actions';
import { fixAllEdit, hasSafeFix } from '../services/fix-all';
import type { ServerContext } from './context';
import type { DiagnosticData } from '../services/diagnostics';
import { currentFindings, validationInput } from './diagnostics';
import { guardRequest } from './guard';

export function registerCodeActions(ctx: ServerContext): void {
  ctx.connection.onCodeAction(
    guardRequest(ctx.log, 'codeAction', [], async (p): Promise<CodeAction[]> => {
      const uri = p.textDocument.uri;
      const doc = ctx.documents.get(uri);
      if (!doc) return [];
      const only = p.context.only;
      const actions = kindRequested(only, CodeActionKind.QuickFix)
        ? quickFixes(uri, doc.version, p.context.diagnostics, { preferred: ctx.client.preferredActions, lookup: (d) => findDataOf(ctx, uri, doc.version, d) })
        : [];
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

/**
 * The data of one of our diagnostics that came back without it: the finding of the current version
 * with the same rule and message, at the same range, or else on the same line (Neovim hands ranges
 * back in byte columns).
 */
function findDataOf(ctx: ServerContext, uri: string, version: number, d: Diagnostic): DiagnosticData | undefined {
  const latest = ctx.scheduler.latest(uri);
  if (!latest || latest.version !== version) return undefined;
  const same = (a: Range, b: Range): boolean =>
    a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
  const candidates = currentFindings(ctx, uri, latest.result).filter((x) => x.rule === d.code && x.message === d.message);
  const f = candidates.find((x) => same(x.range, d.range)) ?? candidates.find((x) => x.range.start.line === d.range.start.line);
  return f && { level: f.level, rule: f.rule, documentVersion: version, fixes: f.fixes };
}

/** The fix-all edit for `version`; none when the document has moved on (its edit would be stale). */
async function fixAllNow(ctx: ServerContext, uri: string, version: number): Promise<CodeAction> {
  const doc = ctx.documents.get(uri);
  if (!doc || doc.version !== version) return resolvedFixAll(uri, version, undefined);
  const input = validationInput(ctx, { uri, version, text: doc.getText() }, await ctx.settings.get(uri));
  return resolvedFixAll(uri, version, fixAllEdit(input));
}
