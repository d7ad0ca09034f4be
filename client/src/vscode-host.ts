// The CommandHost on top of VS Code, and the registration of the command table.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CATEGORY, COMMANDS } from './commands';
import type { CommandHost, EditorHandle } from './host';

export function vscodeHost(client: () => LanguageClient, output: vscode.LogOutputChannel, restart: () => Promise<void>): CommandHost {
  return {
    activeEditor: () => {
      const editor = vscode.window.activeTextEditor;
      return editor && editorHandle(editor);
    },
    request: (method, params) => client().sendRequest(method, params),
    info: (m) => void vscode.window.showInformationMessage(m),
    warn: (m) => void vscode.window.showWarningMessage(m),
    copyToClipboard: (text) => Promise.resolve(vscode.env.clipboard.writeText(text)),
    showOutput: () => output.show(true),
    restartServer: restart,
  };
}

function editorHandle(editor: vscode.TextEditor): EditorHandle {
  return {
    uri: editor.document.uri.toString(),
    languageId: editor.document.languageId,
    insertAtSelections: (text) =>
      Promise.resolve(
        editor.edit((b) => {
          for (const s of editor.selections) b.replace(s, text);
        }),
      ),
  };
}

/**
 * Registers every command of the table; a failing command is reported once, in words, and logged
 * at the error level (the output is a LogOutputChannel: appendLine would log it as [info]).
 */
export function registerCommands(host: CommandHost, output: Pick<vscode.LogOutputChannel, 'error'>): vscode.Disposable[] {
  return COMMANDS.map((c) =>
    vscode.commands.registerCommand(c.id, async () => {
      try {
        await c.run(host);
      } catch (e) {
        output.error(`${CATEGORY}: ${c.title} failed: ${e instanceof Error ? e.message : String(e)}`);
        void vscode.window.showErrorMessage(`${CATEGORY}: ${c.title} failed. See "M1: Show Output" for details.`);
      }
    }),
  );
}
