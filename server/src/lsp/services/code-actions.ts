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
import { DIAGNOSTIC_SOURCE, diagnosticData, type DiagnosticData } from './diagnostics';

export const FIX_ALL_TITLE = 'Fix all M1 issues in this file';

export function versionedEdit(uri: string, version: number, edits: TextEdit[]): WorkspaceEdit {
  return { documentChanges: [TextDocumentEdit.create({ uri, version }, edits)] };
}

export interface QuickFixOptions {
  /** The client declared isPreferredSupport. */
  preferred: boolean;
  /**
   * The data of a diagnostic that came back without it (a client that does not keep Diagnostic.data,
   * or one that was never sent it): found again among the server's findings for the current version.
   */
  lookup?: (d: Diagnostic) => DiagnosticData | undefined;
}

/**
 * One quick fix per distinct edit among our diagnostics' fixes: two rules that propose the same edit
 * ("Rename to LOG_LEVEL" from lowercase-key and unknown-key) give one action naming both diagnostics,
 * preferred when either is (a client offered two preferred actions prompts instead of applying).
 * Diagnostics computed for another version than the document's current one are skipped: their
 * edits would land on the wrong characters.
 */
export function quickFixes(uri: string, currentVersion: number, diagnostics: readonly Diagnostic[], opts: QuickFixOptions = { preferred: true }): CodeAction[] {
  const byEdit = new Map<string, CodeAction>();
  for (const d of diagnostics) {
    const data = diagnosticData(d) ?? (d.source === DIAGNOSTIC_SOURCE && d.data === undefined ? opts.lookup?.(d) : undefined);
    if (!data || data.documentVersion !== currentVersion) continue;
    for (const fix of data.fixes) {
      if (fix.edits.length === 0) continue;
      const key = editKey(fix.edits);
      const same = byEdit.get(key);
      if (same) {
        if (!same.diagnostics?.includes(d)) same.diagnostics?.push(d);
        if (fix.preferred && opts.preferred) same.isPreferred = true;
        continue;
      }
      const action: CodeAction = {
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        edit: versionedEdit(uri, data.documentVersion, fix.edits),
      };
      if (fix.preferred && opts.preferred) action.isPreferred = true;
      byEdit.set(key, action);
    }
  }
  return [...byEdit.values()];
}

/** Equal edits, whatever their order, have equal keys. */
function editKey(edits: readonly TextEdit[]): string {
  const r = (e: TextEdit): string => `${e.range.start.line}:${e.range.start.character}-${e.range.end.line}:${e.range.end.character}`;
  return JSON.stringify(edits.map((e) => [r(e), e.newText]).sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0)));
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
