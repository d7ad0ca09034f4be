// Quick fixes and "fix all", built only from Diagnostic.data (never from message text). Edits are
// tied to the document version they were computed for, so a client refuses them once it changed.
import {
  CodeActionKind,
  TextDocumentEdit,
  type CodeAction,
  type Diagnostic,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { z } from 'zod';
import { FIX_ALL_KIND } from '../../../../shared/src/protocol';
import { diagnosticData } from './diagnostics';

export const FIX_ALL_TITLE = 'Fix all M1 issues in this file';

export function versionedEdit(uri: string, version: number, edits: TextEdit[]): WorkspaceEdit {
  return { documentChanges: [TextDocumentEdit.create({ uri, version }, edits)] };
}

/**
 * One quick fix per fix of each of our diagnostics. Diagnostics computed for another version than
 * the document's current one are skipped: their edits would land on the wrong characters.
 */
export function quickFixes(uri: string, currentVersion: number, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    const data = diagnosticData(d);
    if (!data || data.documentVersion !== currentVersion) continue;
    for (const fix of data.fixes) {
      if (fix.edits.length === 0) continue;
      const action: CodeAction = {
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        edit: versionedEdit(uri, data.documentVersion, fix.edits),
      };
      if (fix.preferred) action.isPreferred = true;
      actions.push(action);
    }
  }
  return actions;
}

/** What a fix-all action carries until codeAction/resolve computes its edit. */
export const FixAllDataSchema = z.object({ fixAll: z.object({ uri: z.string(), version: z.number().int() }) });
export type FixAllData = z.infer<typeof FixAllDataSchema>;

/** Without an edit: the (costly) edit is computed on codeAction/resolve, only when the user picks it. */
export function unresolvedFixAll(uri: string, version: number): CodeAction {
  const data: FixAllData = { fixAll: { uri, version } };
  return { title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, data };
}

export function resolvedFixAll(uri: string, version: number, edit: TextEdit | undefined): CodeAction {
  const action: CodeAction = { title: FIX_ALL_TITLE, kind: FIX_ALL_KIND };
  if (edit) action.edit = versionedEdit(uri, version, [edit]);
  return action;
}

/** Does the request's `only` filter admit this kind? (LSP: a kind matches its sub-kinds.) */
export function kindRequested(only: readonly string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}
