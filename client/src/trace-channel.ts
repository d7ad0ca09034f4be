// The channel vscode-languageclient writes its protocol trace to. The client (v10) traces only
// when its trace channel's log level is Trace, and writes each line with `.trace()`: with our
// `M1 Ops` LogOutputChannel at its default Info level, `m1ops.trace.server: "messages"` showed
// nothing. This view of the channel reports Trace while the setting asks for a trace, and writes
// the trace lines into `M1 Ops` at a level the channel shows.
import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../../shared/src/protocol';

export const TRACE_SETTING = 'trace.server';

/** True when `m1ops.trace.server` asks for a trace ("messages" or "verbose"). */
export function traceWanted(setting: unknown): boolean {
  return setting === 'messages' || setting === 'verbose';
}

export function traceChannel(output: vscode.LogOutputChannel): vscode.LogOutputChannel & vscode.Disposable {
  const read = (): boolean => traceWanted(vscode.workspace.getConfiguration(SETTINGS_SECTION).get<string>(TRACE_SETTING, 'off'));
  const levelOf = (wanted: boolean): vscode.LogLevel => (wanted ? vscode.LogLevel.Trace : output.logLevel);
  let wanted = read();
  const changed = new vscode.EventEmitter<vscode.LogLevel>();
  const subscriptions = [
    changed,
    // The client re-reads the setting on its own, but only when it believes the level is Trace.
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(`${SETTINGS_SECTION}.${TRACE_SETTING}`)) return;
      wanted = read();
      changed.fire(levelOf(wanted));
    }),
    output.onDidChangeLogLevel((level) => changed.fire(wanted ? vscode.LogLevel.Trace : level)),
  ];
  return {
    get name() {
      return output.name;
    },
    get logLevel() {
      return levelOf(wanted);
    },
    onDidChangeLogLevel: changed.event,
    trace: (message: string) => {
      if (wanted) output.info(`[trace] ${message}`);
      else output.trace(message);
    },
    debug: (message: string, ...args: unknown[]) => output.debug(message, ...args),
    info: (message: string, ...args: unknown[]) => output.info(message, ...args),
    warn: (message: string, ...args: unknown[]) => output.warn(message, ...args),
    error: (error: string | Error, ...args: unknown[]) => output.error(error, ...args),
    append: (value: string) => output.append(value),
    appendLine: (value: string) => output.appendLine(value),
    replace: (value: string) => output.replace(value),
    clear: () => output.clear(),
    show: (preserveFocus?: unknown) => output.show(preserveFocus === true),
    hide: () => output.hide(),
    dispose: () => {
      for (const s of subscriptions) s.dispose();
    },
  };
}
