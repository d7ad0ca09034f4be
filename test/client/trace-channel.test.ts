// The trace channel (client/src/trace-channel.ts) with a `vscode` stand-in for the settings and the
// log levels only. vscode-languageclient 10 traces the protocol only when its trace channel says
// LogLevel.Trace and writes with .trace(): this checks that `m1ops.trace.server` alone does both,
// and that the lines land in `M1 Ops` at a level the channel shows.
import { expect, it, vi } from 'vitest';

const LogLevel = { Off: 0, Trace: 1, Debug: 2, Info: 3, Warning: 4, Error: 5 } as const;
let setting = 'off';
const configListeners: ((e: { affectsConfiguration(s: string): boolean }) => void)[] = [];

class EventEmitter<T> {
  readonly #listeners: ((v: T) => void)[] = [];
  event = (l: (v: T) => void) => (this.#listeners.push(l), { dispose: () => {} });
  fire(v: T): void {
    for (const l of this.#listeners) l(v);
  }
  dispose(): void {}
}

vi.mock('vscode', () => ({
  LogLevel,
  EventEmitter,
  workspace: {
    getConfiguration: (section: string) => ({ get: (key: string, fallback: string) => (section === 'm1ops' && key === 'trace.server' ? setting : fallback) }),
    onDidChangeConfiguration: (l: (typeof configListeners)[number]) => (configListeners.push(l), { dispose: () => {} }),
  },
}));

const { traceChannel } = await import('../../client/src/trace-channel');

function changeSetting(value: string): void {
  setting = value;
  for (const l of configListeners) l({ affectsConfiguration: (s) => s === 'm1ops.trace.server' || s === 'm1ops' });
}

it('reports Trace while m1ops.trace.server asks for it, and writes trace lines the channel shows', () => {
  const lines: string[] = [];
  // A LogOutputChannel at its default level (Info): .trace() lines are dropped, as VS Code does.
  const output = {
    name: 'M1 Ops',
    logLevel: LogLevel.Info,
    onDidChangeLogLevel: () => ({ dispose: () => {} }),
    trace: () => {},
    info: (l: string) => lines.push(`[info] ${l}`),
  };
  const channel = traceChannel(output as never);
  const levels: number[] = [];
  channel.onDidChangeLogLevel((l) => levels.push(l));

  expect(channel.logLevel).toBe(LogLevel.Info);
  channel.trace("Sending request 'textDocument/hover - (1)'.");
  expect(lines).toEqual([]);

  changeSetting('messages');
  expect(levels).toEqual([LogLevel.Trace]);
  expect(channel.logLevel).toBe(LogLevel.Trace);
  channel.trace("Sending request 'textDocument/hover - (2)'.");
  expect(lines).toEqual(["[info] [trace] Sending request 'textDocument/hover - (2)'."]);

  changeSetting('off');
  expect(levels).toEqual([LogLevel.Trace, LogLevel.Info]);
  expect(channel.logLevel).toBe(LogLevel.Info);
  channel.dispose();
});
