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

/**
 * What the client declared in `initialize`. The server never sends what the client did not declare
 * (snippets, markdown, Diagnostic.data, code-action resolve, ...): each field gates one such thing.
 */
export interface ClientFeatures {
  /**
   * textDocument/diagnostic AND workspace/diagnostic/refresh: the client pulls, and the server can ask
   * it to pull again when diagnostics change without an edit (connectivity, settings, the example
   * sibling). A client that pulls but cannot be asked again (Neovim 0.10, eglot) gets pushed diagnostics.
   */
  pullDiagnostics: boolean;
  diagnosticRefresh: boolean;
  /** publishDiagnostics.dataSupport: Diagnostic.data comes back in codeAction requests. */
  diagnosticData: boolean;
  diagnosticVersion: boolean;
  codeDescription: boolean;
  /** DiagnosticTag.Unnecessary is in tagSupport.valueSet. */
  unnecessaryTag: boolean;
  configurationPull: boolean;
  configurationDynamicRegistration: boolean;
  reportValidationRuns: boolean;
  statusNotifications: boolean;
  /** codeAction/resolve can fill in `edit` and CodeAction.data round-trips (fix-all is then computed only when chosen). */
  codeActionResolve: boolean;
  preferredActions: boolean;
  /** completionItem.snippetSupport. */
  snippets: boolean;
  completionMarkdown: boolean;
  completionPreselect: boolean;
  /** CompletionItemKind.EnumMember declared in completionItemKind.valueSet. */
  completionEnumMember: boolean;
  hoverMarkdown: boolean;
  hierarchicalSymbols: boolean;
}

export function defaultClientFeatures(): ClientFeatures {
  return {
    pullDiagnostics: false,
    diagnosticRefresh: false,
    diagnosticData: false,
    diagnosticVersion: false,
    codeDescription: false,
    unnecessaryTag: false,
    configurationPull: false,
    configurationDynamicRegistration: false,
    reportValidationRuns: false,
    statusNotifications: false,
    codeActionResolve: false,
    preferredActions: false,
    snippets: false,
    completionMarkdown: false,
    completionPreselect: false,
    completionEnumMember: false,
    hoverMarkdown: false,
    hierarchicalSymbols: false,
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
