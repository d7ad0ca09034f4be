// The panel glue (client/src/analytics/panel.ts) with a `vscode` stand-in for the window API only;
// the session behind it talks to the real service. Checks what VS Code would be given: the webview
// options (scripts on, resources only from dist/ and media/, context kept), the page with its CSP and
// nonce, messages that never carry the token, and that closing the panel closes the stream.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { poll } from '../dashboard/support/poll';
import { HostToWebviewSchema } from '../../shared/src/webview-protocol';
import { startService, tempDataDir, type RunningService } from '../dashboard/support/service';

interface FakeUri {
  path: string;
  toString(): string;
}
const uri = (path: string): FakeUri => ({ path, toString: () => `file://${path}` });

const created: { viewType: string; options: { enableScripts?: boolean; retainContextWhenHidden?: boolean; localResourceRoots?: FakeUri[] } }[] = [];
const posted: unknown[] = [];
let html = '';
let receive: (m: unknown) => void = () => {};
let disposePanel: () => void = () => {};
/** What VS Code 1.100 gives: several sources (a test below swaps in one the page must refuse). */
let cspSource = "'self' https://*.vscode-cdn.net";
const disposedPanels: string[] = [];

vi.mock('vscode', () => ({
  Uri: { joinPath: (base: FakeUri, ...parts: string[]) => uri([base.path, ...parts].join('/')) },
  ViewColumn: { Active: -1 },
  commands: { executeCommand: () => Promise.resolve() },
  window: {
    createWebviewPanel: (viewType: string, title: string, _col: number, options: (typeof created)[number]['options']) => {
      created.push({ viewType, options });
      const listeners: (() => void)[] = [];
      disposePanel = () => listeners.forEach((l) => l());
      return {
        reveal: () => {},
        dispose: () => disposedPanels.push(title),
        onDidDispose: (l: () => void) => (listeners.push(l), { dispose: () => {} }),
        webview: {
          cspSource,
          asWebviewUri: (u: FakeUri) => ({ toString: () => `https://file+.vscode-resource.vscode-cdn.net${u.path}` }),
          postMessage: (m: unknown) => (posted.push(m), Promise.resolve(true)),
          onDidReceiveMessage: (l: (m: unknown) => void) => ((receive = l), { dispose: () => {} }),
          set html(v: string) {
            html = v;
          },
          get html() {
            return html;
          },
        },
      };
    },
  },
}));

const { AnalyticsPanel, ANALYTICS_VIEW_TYPE } = await import('../../client/src/analytics/panel');

const data = tempDataDir();
let service: RunningService;
beforeAll(async () => {
  service = await startService({ dataDir: data.dir });
});
afterAll(async () => {
  await service.close();
  data.remove();
});

it('opens the page with a strict CSP, relays without the token, and closes the stream with the panel', async () => {
  const token = await service.token(['analytics:read']);
  const ctx = { extensionUri: uri('/ext') as never, serviceUrl: () => service.url, token: () => Promise.resolve(token), log: () => {}, setAdminTokenCommand: 'm1ops.setAdminToken' };
  await AnalyticsPanel.show(ctx);
  expect(created).toHaveLength(1);
  expect(created[0]?.viewType).toBe(ANALYTICS_VIEW_TYPE);
  expect(created[0]?.options.enableScripts).toBe(true);
  expect(created[0]?.options.retainContextWhenHidden).toBe(true);
  expect(created[0]?.options.localResourceRoots?.map((u) => u.path)).toEqual(['/ext/dist', '/ext/media']);

  const nonce = /<script nonce="([^"]+)" src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/dist\/webview\.js"><\/script>/.exec(html)?.[1];
  expect(nonce).toMatch(/^[A-Za-z0-9+/]{24}$/);
  expect(html).toContain(`script-src &#39;nonce-${nonce}&#39;; style-src &#39;self&#39; https://*.vscode-cdn.net;`);
  expect(html).not.toContain('connect-src');
  expect(html).not.toContain(token);

  receive({ type: 'ready' });
  await poll(() => posted.some((m) => (m as { type: string; state?: { status: string } }).state?.status === 'connected')).toBe(true);
  for (const m of posted) expect(HostToWebviewSchema.safeParse(m).success).toBe(true);
  expect(JSON.stringify(posted)).not.toContain(token);
  await AnalyticsPanel.show(ctx); // a second "Open Live Analytics" reveals the same panel
  expect(created).toHaveLength(1);
  expect(service.deps.hub.size).toBe(1);

  disposePanel();
  await poll(() => service.deps.hub.size).toBe(0);
  expect(AnalyticsPanel.state).toBeUndefined();
});

it('closes its panel when the page cannot be built, on open and on restore after a reload', async () => {
  cspSource = "'unsafe-inline'"; // a source the page refuses: building the page throws
  const ctx = { extensionUri: uri('/ext') as never, serviceUrl: () => service.url, token: () => Promise.resolve(null), log: () => {}, setAdminTokenCommand: 'm1ops.setAdminToken' };
  disposedPanels.length = 0;
  await expect(AnalyticsPanel.show(ctx)).rejects.toThrow(/cspSource/);
  expect(disposedPanels).toEqual(['M1 Live Analytics']);
  expect(AnalyticsPanel.state).toBeUndefined();

  const vscodeApi = await import('vscode');
  const restored = vscodeApi.window.createWebviewPanel(ANALYTICS_VIEW_TYPE, 'restored', -1, {});
  await expect(AnalyticsPanel.revive(restored, ctx)).rejects.toThrow(/cspSource/);
  expect(disposedPanels).toEqual(['M1 Live Analytics', 'restored']);
  cspSource = "'self' https://*.vscode-cdn.net";
});
