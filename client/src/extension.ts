// The VS Code extension: starts the bundled language server over IPC, registers the command table
// and the status bar. Thin glue: the logic lives in modules that do not import `vscode`.
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, type ErrorHandler } from 'vscode-languageclient/node';
import { registerCommands, vscodeHost } from './vscode-host';
import { RestartPolicy } from './restart-policy';
import { CLIENT_ID, CLIENT_NAME, clientOptions, serverOptions } from './server-options';
import { statusBar } from './status-bar';
import { activateAnalytics } from './analytics/activate';
import { traceChannel } from './trace-channel';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  const trace = traceChannel(output); // so that `m1ops.trace.server` alone turns the trace on
  const policy = new RestartPolicy();
  const lc = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions(context.extensionPath), {
    ...clientOptions(),
    outputChannel: output,
    traceOutputChannel: trace,
    errorHandler: errorHandler(policy),
  });
  client = lc;
  const restart = async (): Promise<void> => {
    policy.reset();
    await lc.restart();
  };
  context.subscriptions.push(
    output,
    trace,
    statusBar(lc, 'm1ops.showOutput'),
    ...registerCommands(vscodeHost(() => lc, output, restart), output),
    activateAnalytics(context, output), // analytics webview, token commands, service status bar
  );
  await lc.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

function errorHandler(policy: RestartPolicy): ErrorHandler {
  return {
    // Transport hiccups: keep going a few times, then give up on this connection (closed() decides next).
    error: (_e, _m, count) => ({ action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
    closed: () => {
      const d = policy.closed();
      return d.restart ? { action: CloseAction.Restart, handled: true } : { action: CloseAction.DoNotRestart, message: d.message };
    },
  };
}
