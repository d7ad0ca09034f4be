// The only test with a `vscode` stand-in: it checks the glue that registers the command table
// (vscode-host.ts). Everything else of the extension is tested without VS Code.
import { beforeEach, expect, it, vi } from 'vitest';

const registered = new Map<string, () => Promise<void>>();
const shown: { kind: string; message: string }[] = [];

vi.mock('vscode', () => ({
  commands: {
    registerCommand: (id: string, fn: () => Promise<void>) => {
      registered.set(id, fn);
      return { dispose: () => registered.delete(id) };
    },
  },
  window: {
    activeTextEditor: undefined,
    showInformationMessage: (message: string) => Promise.resolve(shown.push({ kind: 'info', message })),
    showWarningMessage: (message: string) => Promise.resolve(shown.push({ kind: 'warn', message })),
    showErrorMessage: (message: string) => Promise.resolve(shown.push({ kind: 'error', message })),
  },
  env: { clipboard: { writeText: () => Promise.resolve() } },
}));

const { COMMANDS } = await import('../../client/src/commands');
const { registerCommands } = await import('../../client/src/vscode-host');

beforeEach(() => {
  registered.clear();
  shown.length = 0;
});

function setup(restart: () => Promise<void>) {
  const lines: string[] = [];
  // A LogOutputChannel records the level of each line: failures must be at [error], never [info].
  const output = {
    appendLine: (l: string) => lines.push(`[info] ${l}`),
    info: (l: string) => lines.push(`[info] ${l}`),
    error: (l: string) => lines.push(`[error] ${l}`),
  };
  const host = { activeEditor: () => undefined, request: () => Promise.resolve(null), info: () => undefined, warn: () => undefined, copyToClipboard: () => Promise.resolve(), showOutput: () => undefined, restartServer: restart };
  const disposables = registerCommands(host, output);
  return { lines, disposables };
}

it('registers every command of the table, once', () => {
  const { disposables } = setup(() => Promise.resolve());
  expect([...registered.keys()]).toEqual(COMMANDS.map((c) => c.id));
  for (const d of disposables) d.dispose();
  expect(registered.size).toBe(0);
});

it('turns a failing command into one [error] line in the output and one short error message', async () => {
  const { lines } = setup(() => Promise.reject(new Error('connection lost')));
  await registered.get('m1ops.restartServer')?.();
  expect(lines).toEqual(['[error] M1: Restart Language Server failed: connection lost']);
  expect(shown).toEqual([{ kind: 'error', message: 'M1: Restart Language Server failed. See "M1: Show Output" for details.' }]);
});
