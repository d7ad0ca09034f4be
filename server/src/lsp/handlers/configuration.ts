// Settings: pulled per document through workspace/configuration (section `m1ops`), or taken from
// didChangeConfiguration for clients that only push. Any change re-validates the open documents.
import { MessageType, ShowMessageNotification, type Connection, type ShowMessageParams } from 'vscode-languageserver';
import { SETTINGS_SECTION } from '../../../../shared/src/settings';
import { redactSecretsIn } from '../../catalog/secret-detector';
import type { SettingsSource } from '../services/settings';
import type { ClientFeatures, ServerContext } from './context';
import { detach, guardNotification, type Log } from './guard';

export function settingsSource(connection: Connection, client: ClientFeatures, log: Log): SettingsSource {
  return {
    fetch: async (scopeUri) => (client.configurationPull ? (await connection.workspace.getConfiguration({ scopeUri, section: SETTINGS_SECTION })) as unknown : undefined),
    report: (problem) => {
      log.error(`settings: ${problem}`);
      // A notification, not window/showMessageRequest: nothing to answer, nothing to wait for.
      const params: ShowMessageParams = { type: MessageType.Warning, message: redactSecretsIn(`M1 Ops: ${problem}.`) };
      detach(log, 'showMessage', connection.sendNotification(ShowMessageNotification.type, params));
    },
  };
}

export function registerConfiguration(ctx: ServerContext): void {
  ctx.connection.onDidChangeConfiguration(
    guardNotification(ctx.log, 'didChangeConfiguration', (p) => {
      const pushed: unknown = p.settings;
      const section = isRecord(pushed) ? pushed[SETTINGS_SECTION] : undefined;
      ctx.settings.invalidate(section);
      // Each open document runs again at its version: diagnostics.ts pushes, or asks a pulling client to pull again.
      for (const uri of ctx.scheduler.openDocuments()) ctx.scheduler.changed(uri);
    }),
  );
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}
