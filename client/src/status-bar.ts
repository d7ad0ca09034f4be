// The status bar item: follows the client's state and the server's m1ops/status for the active editor.
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { StatusNotification, type StatusParams } from '../../shared/src/protocol';
import { statusView, type ServerState } from './status';
import { LANGUAGE_ID } from './server-options';

export function statusBar(client: LanguageClient, showOutputCommand: string): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('m1ops.status', vscode.StatusBarAlignment.Right, 100);
  item.name = 'M1 Ops';
  item.command = showOutputCommand;
  const byUri = new Map<string, StatusParams>();
  let state: ServerState = 'starting';

  const render = (): void => {
    const editor = vscode.window.activeTextEditor;
    const dotenv = editor?.document.languageId === LANGUAGE_ID;
    const view = statusView(state, dotenv ? byUri.get(editor.document.uri.toString()) : undefined);
    item.text = view.text;
    item.tooltip = view.tooltip;
    item.backgroundColor = view.alert ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    if (dotenv || state === 'stopped') item.show();
    else item.hide();
  };

  const subscriptions = [
    item,
    client.onDidChangeState((e) => {
      state = e.newState === State.Running ? 'running' : e.newState === State.Starting ? 'starting' : 'stopped';
      render();
    }),
    client.onNotification(StatusNotification.method, (raw: unknown) => {
      const p = StatusNotification.params.safeParse(raw);
      if (!p.success) return;
      byUri.set(p.data.uri, p.data);
      render();
    }),
    vscode.window.onDidChangeActiveTextEditor(render),
    vscode.workspace.onDidCloseTextDocument((d) => byUri.delete(d.uri.toString())),
  ];
  render();
  return vscode.Disposable.from(...subscriptions);
}
