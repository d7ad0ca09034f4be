// initialize / initialized: what the client can do decides push or pull diagnostics and how
// settings arrive; the answer advertises exactly the features the server implements.
import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticTag,
  DidChangeConfigurationNotification,
  MarkupKind,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { CheckConnectivityRequest, FIX_ALL_KIND, InitializationOptionsSchema } from '../../../../shared/src/protocol';
import { SETTINGS_SECTION } from '../../../../shared/src/settings';
import type { ClientFeatures, ServerContext } from './context';
import { guardNotification } from './guard';

export const SERVER_NAME = 'm1-ops-language-server';
export const SERVER_VERSION = '0.1.0';

export function registerLifecycle(ctx: ServerContext): void {
  ctx.connection.onInitialize((params) => initialize(ctx, params));
  ctx.connection.onInitialized(
    guardNotification(ctx.log, 'initialized', async () => {
      if (ctx.client.configurationDynamicRegistration) {
        await ctx.connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
      }
      ctx.log.info(`${SERVER_NAME} ${SERVER_VERSION} ready (${ctx.client.pullDiagnostics ? 'pull' : 'push'} diagnostics)`);
    }),
  );
}

export function clientFeatures(caps: ClientCapabilities, options: { reportValidationRuns: boolean; statusNotifications: boolean }): ClientFeatures {
  const td = caps.textDocument;
  // lsp-types (Helix, Zed) writes the specification's `workspace.diagnostics` as `workspace.diagnostic`.
  const misspelt = (caps.workspace as { diagnostic?: { refreshSupport?: boolean } } | undefined)?.diagnostic;
  const refresh = caps.workspace?.diagnostics?.refreshSupport === true || misspelt?.refreshSupport === true;
  const publish = td?.publishDiagnostics;
  return {
    pullDiagnostics: td?.diagnostic !== undefined && refresh,
    diagnosticRefresh: refresh,
    diagnosticData: publish?.dataSupport === true,
    diagnosticVersion: publish?.versionSupport === true,
    codeDescription: publish?.codeDescriptionSupport === true,
    unnecessaryTag: publish?.tagSupport?.valueSet.includes(DiagnosticTag.Unnecessary) === true,
    configurationPull: caps.workspace?.configuration === true,
    configurationDynamicRegistration: caps.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    reportValidationRuns: options.reportValidationRuns,
    statusNotifications: options.statusNotifications,
    codeActionResolve: td?.codeAction?.resolveSupport?.properties.includes('edit') === true && td.codeAction.dataSupport === true,
    preferredActions: td?.codeAction?.isPreferredSupport === true,
    snippets: td?.completion?.completionItem?.snippetSupport === true,
    completionMarkdown: td?.completion?.completionItem?.documentationFormat?.includes(MarkupKind.Markdown) === true,
    completionPreselect: td?.completion?.completionItem?.preselectSupport === true,
    completionEnumMember: td?.completion?.completionItemKind?.valueSet?.includes(CompletionItemKind.EnumMember) === true,
    hoverMarkdown: td?.hover?.contentFormat?.includes(MarkupKind.Markdown) === true,
    hierarchicalSymbols: td?.documentSymbol?.hierarchicalDocumentSymbolSupport === true,
  };
}

function initialize(ctx: ServerContext, params: InitializeParams): InitializeResult {
  const caps = params.capabilities;
  const options = InitializationOptionsSchema.parse(params.initializationOptions ?? {});
  // Mutated in place: services created before `initialize` hold this very object.
  Object.assign(ctx.client, clientFeatures(caps, options));
  if (options.settings !== undefined) ctx.settings.invalidate(options.settings);
  const result: InitializeResult = {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      hoverProvider: true,
      completionProvider: { triggerCharacters: ['='] },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: ctx.client.codeActionResolve },
      documentSymbolProvider: { label: 'M1 variables' },
      foldingRangeProvider: true,
    },
    serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
  };
  if (ctx.client.pullDiagnostics) {
    // interFileDependencies: the example sibling's keys feed the example-sync rules.
    result.capabilities.diagnosticProvider = { identifier: 'm1-ops', interFileDependencies: true, workspaceDiagnostics: false };
  }
  result.capabilities.experimental = { [CheckConnectivityRequest.method]: true };
  return result;
}
