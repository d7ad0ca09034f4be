// Composition: the services, then the handler modules on one connection.
import { TextDocuments, type Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { redactSecretsIn } from '../catalog/secret-detector';
import { checkConnectivity } from '../connectivity/index';
import { defaultClientFeatures, type ServerContext } from './handlers/context';
import { registerCodeActions } from './handlers/code-actions';
import { registerConfiguration, settingsSource } from './handlers/configuration';
import { registerConnectivity } from './handlers/connectivity';
import { createScheduler, registerPullDiagnostics } from './handlers/diagnostics';
import { registerDocuments } from './handlers/documents';
import type { Log } from './handlers/guard';
import { registerLanguageFeatures } from './handlers/language';
import { registerLifecycle } from './handlers/lifecycle';
import { m1Catalog } from './services/catalog-m1';
import { ConnectivityService } from './services/connectivity';
import { describeError } from './services/errors';
import { ParsedCache } from './services/parsed';
import { SettingsStore } from './services/settings';
import type { Validator } from './services/validator';

export function startServer(connection: Connection, validator: Validator): void {
  const log: Log = {
    // Every line, whatever produced it (a driver's error, a settings problem), loses its credentials.
    error: (m) => connection.console.error(redactSecretsIn(m)),
    info: (m) => connection.console.info(redactSecretsIn(m)),
  };
  const client = defaultClientFeatures();
  const base = {
    connection,
    documents: new TextDocuments(TextDocument),
    log,
    catalog: m1Catalog(),
    parsed: new ParsedCache(),
    settings: new SettingsStore(settingsSource(connection, client, log)),
    connectivity: new ConnectivityService({ check: checkConnectivity, now: () => Date.now() }),
    client,
  };
  const ctx: ServerContext = { ...base, scheduler: createScheduler(base, validator) };

  registerLifecycle(ctx);
  registerConfiguration(ctx);
  registerDocuments(ctx);
  registerLanguageFeatures(ctx);
  registerCodeActions(ctx);
  registerConnectivity(ctx);
  // Registered unconditionally: the handler only runs when initialize advertised the capability.
  registerPullDiagnostics(ctx);
  connection.onShutdown(() => validator.dispose());

  // Last line of defence: whatever escapes a handler is logged, and the server keeps serving.
  process.on('uncaughtException', (e) => log.error(`unexpected error: ${describeError(e)}`));
  process.on('unhandledRejection', (e) => log.error(`unexpected rejection: ${describeError(e)}`));

  ctx.documents.listen(connection);
  connection.listen();
}
