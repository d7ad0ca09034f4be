// Glue: the Live Analytics webview panel. The page is shared/src/dashboard/page.ts in webview mode
// (strict CSP with a fresh nonce, resources only from dist/ and media/); the logic is AnalyticsSession.
// retainContextWhenHidden keeps the charts' history while the panel is in the background (the page
// itself is bounded); the page also saves its UI state with setState.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { ConnectionState } from '../../../shared/src/dashboard/connection-state';
import { renderDashboardHtml } from '../../../shared/src/dashboard/page';
import { AnalyticsSession } from './session';

export const ANALYTICS_VIEW_TYPE = 'm1ops.analytics';

export interface PanelContext {
  extensionUri: vscode.Uri;
  serviceUrl(): string;
  token(): Promise<string | null>;
  log(line: string): void;
  setAdminTokenCommand: string;
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    retainContextWhenHidden: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export class AnalyticsPanel implements vscode.Disposable {
  static #current: AnalyticsPanel | undefined;
  readonly #session: AnalyticsSession;
  readonly #subscriptions: vscode.Disposable[] = [];

  static async show(ctx: PanelContext): Promise<void> {
    if (AnalyticsPanel.#current) {
      AnalyticsPanel.#current.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(ANALYTICS_VIEW_TYPE, 'M1 Live Analytics', vscode.ViewColumn.Active, webviewOptions(ctx.extensionUri));
    AnalyticsPanel.#current = await AnalyticsPanel.#attach(panel, ctx);
  }

  /** For the serializer: a panel VS Code restored after a reload. */
  static async revive(panel: vscode.WebviewPanel, ctx: PanelContext): Promise<void> {
    panel.webview.options = webviewOptions(ctx.extensionUri);
    AnalyticsPanel.#current?.dispose();
    AnalyticsPanel.#current = await AnalyticsPanel.#attach(panel, ctx);
  }

  /**
   * Fills `panel` with the page and its session. When that fails the panel is closed before the
   * error goes up: a blank "M1 Live Analytics" tab left behind would look like a page still loading.
   */
  static async #attach(panel: vscode.WebviewPanel, ctx: PanelContext): Promise<AnalyticsPanel> {
    try {
      return new AnalyticsPanel(panel, ctx, await ctx.token());
    } catch (e) {
      panel.dispose();
      throw e;
    }
  }

  /** The token or the service URL changed. */
  static reconfigure(serviceUrl: string, token: string | null): void {
    const current = AnalyticsPanel.#current;
    if (current) current.#session.reconfigure(serviceUrl, token);
  }

  static get state(): ConnectionState | undefined {
    const current = AnalyticsPanel.#current;
    return current ? current.#session.state : undefined;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    ctx: PanelContext,
    token: string | null,
  ) {
    const webview = panel.webview;
    webview.html = renderDashboardHtml({
      nonce: randomBytes(18).toString('base64'),
      mode: 'webview',
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(ctx.extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(ctx.extensionUri, 'media', 'dashboard.css')).toString(),
    });
    this.#session = new AnalyticsSession({
      port: {
        post: (m) => webview.postMessage(m),
        onMessage: (l) => webview.onDidReceiveMessage(l),
      },
      serviceUrl: ctx.serviceUrl(),
      token,
      setAdminToken: () => void vscode.commands.executeCommand(ctx.setAdminTokenCommand),
      log: (line) => ctx.log(line),
    });
    this.#subscriptions.push(panel.onDidDispose(() => this.dispose()));
    this.#session.start();
  }

  dispose(): void {
    if (AnalyticsPanel.#current === this) AnalyticsPanel.#current = undefined;
    this.#session.dispose(); // closes the SSE connection
    for (const s of this.#subscriptions.splice(0)) s.dispose();
    this.panel.dispose();
  }
}
