// Glue: wires the analytics and token features into the extension at activation (extension.ts calls
// activateAnalytics once). The admin token lives in SecretStorage only; the service URL comes from
// the `m1ops.service.url` setting. Both are re-read when they change, and the panel and the status
// bar reconnect with the new values.
import * as vscode from 'vscode';
import { DEFAULT_SERVICE_URL, SETTINGS_SECTION } from '../../../shared/src/settings';
import { ApiClient } from '../api/client';
import { ServiceStatusBar } from '../status/service-status-bar';
import { auditRevocations, checkTokenStatus, revokeAllTokens, revokeToken, setAdminToken, type AdminTokenStore } from '../tokens/flows';
import { vscodePrompter } from '../tokens/vscode-prompter';
import { provideFeatures } from './features';
import { ANALYTICS_VIEW_TYPE, AnalyticsPanel, type PanelContext } from './panel';

const SECRET_KEY = 'm1ops.adminToken';
const OPEN_COMMAND = 'm1ops.openAnalytics';
const SET_TOKEN_COMMAND = 'm1ops.setAdminToken';

function serviceUrl(): string {
  const raw = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<string>('service.url', DEFAULT_SERVICE_URL).trim();
  if (raw === '') return '';
  try {
    const u = new URL(raw);
    return u.protocol === 'http:' || u.protocol === 'https:' ? raw.replace(/\/+$/, '') : DEFAULT_SERVICE_URL;
  } catch {
    return DEFAULT_SERVICE_URL; // the language server reports the bad setting; we fall back like it does
  }
}

export function activateAnalytics(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): vscode.Disposable {
  const store: AdminTokenStore = {
    get: () => Promise.resolve(context.secrets.get(SECRET_KEY)),
    store: (t) => Promise.resolve(context.secrets.store(SECRET_KEY, t)),
    delete: () => Promise.resolve(context.secrets.delete(SECRET_KEY)),
  };
  const token = async (): Promise<string | null> => (await store.get()) ?? null;
  // The session only logs what went wrong (a message it could not post or had to ignore).
  const log = (line: string): void => output.warn(line);
  const prompter = vscodePrompter();
  const api = async (): Promise<ApiClient | null> => {
    const t = await token();
    return t ? new ApiClient({ baseUrl: serviceUrl(), token: t }) : null;
  };
  const flowDeps = { prompter, api };
  const panelContext: PanelContext = { extensionUri: context.extensionUri, serviceUrl, token, log, setAdminTokenCommand: SET_TOKEN_COMMAND };
  const status = new ServiceStatusBar(OPEN_COMMAND);

  const reconnect = async (): Promise<void> => {
    const t = await token();
    status.configure(serviceUrl(), t);
    AnalyticsPanel.reconfigure(serviceUrl(), t);
  };
  const reconnectLogged = (): void => {
    reconnect().catch((e: unknown) => output.error(`M1: reconnecting failed: ${String(e)}`));
  };
  reconnectLogged();

  return vscode.Disposable.from(
    status,
    provideFeatures({
      openAnalytics: () => AnalyticsPanel.show(panelContext),
      revokeToken: () => revokeToken(flowDeps),
      revokeAllTokens: () => revokeAllTokens(flowDeps),
      tokenStatus: () => checkTokenStatus(flowDeps),
      auditRevocations: () => auditRevocations(flowDeps),
      setAdminToken: async () => {
        await setAdminToken({ prompter, store });
      },
    }),
    context.secrets.onDidChange((e) => {
      if (e.key === SECRET_KEY) reconnectLogged();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SETTINGS_SECTION}.service.url`)) reconnectLogged();
    }),
    vscode.window.registerWebviewPanelSerializer(ANALYTICS_VIEW_TYPE, {
      deserializeWebviewPanel: (panel) => AnalyticsPanel.revive(panel, panelContext),
    }),
  );
}
