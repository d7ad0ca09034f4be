// What every handler module receives: the connection, the open documents and the services.
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CatalogView } from '../services/catalog';
import type { ConnectivityService } from '../services/connectivity';
import type { ParsedCache } from '../services/parsed';
import type { ValidationScheduler } from '../services/scheduler';
import type { SettingsStore } from '../services/settings';
import type { ValidationOutput } from '../services/validate-document';
import type { Log } from './guard';

export interface Validated {
  version: number;
  output: ValidationOutput;
}

export interface ClientFeatures {
  /** textDocument/diagnostic: the client pulls, so the server never pushes. */
  pullDiagnostics: boolean;
  diagnosticRefresh: boolean;
  configurationPull: boolean;
  configurationDynamicRegistration: boolean;
  reportValidationRuns: boolean;
  statusNotifications: boolean;
  /** codeAction/resolve can fill in `edit` (fix-all is then computed only when chosen). */
  codeActionResolve: boolean;
}

export function defaultClientFeatures(): ClientFeatures {
  return {
    pullDiagnostics: false,
    diagnosticRefresh: false,
    configurationPull: false,
    configurationDynamicRegistration: false,
    reportValidationRuns: false,
    statusNotifications: false,
    codeActionResolve: false,
  };
}

export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  log: Log;
  catalog: CatalogView;
  parsed: ParsedCache;
  settings: SettingsStore;
  scheduler: ValidationScheduler<Validated>;
  connectivity: ConnectivityService;
  /** Filled in by `initialize`. */
  client: ClientFeatures;
}
