// How the extension starts the bundled language server: Node IPC to dist/server.js (VS Code's
// own Node, no external runtime). Plain data so it is testable without VS Code.
import { join } from 'node:path';
import type { LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { SETTINGS_SECTION, type InitializationOptions } from '../../shared/src/protocol';

export const LANGUAGE_ID = 'dotenv';
export const CLIENT_ID = SETTINGS_SECTION; // so that `m1ops.trace.server` traces the protocol
export const CLIENT_NAME = 'M1 Ops';

// TransportKind is a runtime enum of a module that needs `vscode`; its value is stable protocol.
const IPC: TransportKind.ipc = 1;

export function serverModule(extensionPath: string): string {
  return join(extensionPath, 'dist', 'server.js');
}

export function serverOptions(extensionPath: string): ServerOptions {
  const module = serverModule(extensionPath);
  return {
    run: { module, transport: IPC },
    // `--nolazy` keeps breakpoints where they were set; 6009 is the conventional LSP debug port.
    debug: { module, transport: IPC, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
}

export const INITIALIZATION_OPTIONS: InitializationOptions = { reportValidationRuns: false, statusNotifications: true };

/** Everything of LanguageClientOptions that is not a VS Code object (the glue adds those). */
export function clientOptions(): Pick<LanguageClientOptions, 'documentSelector' | 'synchronize' | 'initializationOptions' | 'diagnosticCollectionName'> {
  return {
    documentSelector: [
      { language: LANGUAGE_ID, scheme: 'file' },
      { language: LANGUAGE_ID, scheme: 'untitled' },
    ],
    synchronize: { configurationSection: SETTINGS_SECTION },
    initializationOptions: INITIALIZATION_OPTIONS,
    diagnosticCollectionName: 'm1-ops',
  };
}
