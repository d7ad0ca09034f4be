// Glue: the Prompter on VS Code's input boxes, quick picks, modal dialogs and save dialog.
import * as vscode from 'vscode';
import type { PickItem, Prompter } from './prompter';

export function vscodePrompter(): Prompter {
  return {
    input: async (o) =>
      vscode.window.showInputBox({
        title: o.title,
        prompt: o.prompt,
        placeHolder: o.placeHolder,
        value: o.value,
        password: o.password,
        ignoreFocusOut: true,
        validateInput: o.validate ? (v) => o.validate?.(v) ?? null : undefined,
      }),
    pick: async <T>(o: { title: string; placeHolder?: string; items: PickItem<T>[] }) => {
      const chosen = await vscode.window.showQuickPick(
        o.items.map((i) => ({ label: i.label, description: i.description, detail: i.detail, value: i.value })),
        { title: o.title, placeHolder: o.placeHolder, matchOnDescription: true, matchOnDetail: true, ignoreFocusOut: true },
      );
      return chosen?.value;
    },
    confirm: async (o) => (await vscode.window.showWarningMessage(o.message, { modal: true, detail: o.detail }, o.action)) === o.action,
    info: (m) => void vscode.window.showInformationMessage(m),
    warn: (m) => void vscode.window.showWarningMessage(m),
    error: (m) => void vscode.window.showErrorMessage(m),
    saveFile: async (name, content) => {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const uri = await vscode.window.showSaveDialog({
        defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
        filters: { JSON: ['json'] },
        title: 'Export the audit entries',
      });
      if (!uri) return undefined;
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
      return uri.fsPath || uri.toString();
    },
  };
}
