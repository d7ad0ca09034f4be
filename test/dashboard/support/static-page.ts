// Serves the dashboard page in either mode from a loopback server on port 0, without the service:
// for the webview-mode tests (a stand-in for VS Code's acquireVsCodeApi posts the host's messages)
// and for checks of the page itself (CSP, layout). The service's own /dashboard is tested elsewhere.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { renderDashboardHtml, type DashboardMode } from '../../../shared/src/dashboard/page';

export const ROOT = join(import.meta.dirname, '..', '..', '..');

const FILES: Record<string, [string, string]> = {
  '/assets/webview.js': ['dist/webview.js', 'text/javascript; charset=utf-8'],
  '/assets/media/dashboard.css': ['media/dashboard.css', 'text/css; charset=utf-8'],
  '/assets/media/vendor/uPlot.min.css': ['media/vendor/uPlot.min.css', 'text/css; charset=utf-8'],
};

export interface StaticPage {
  url: string;
  origin: string;
  /** The nonce of the last page served. */
  lastNonce(): string;
  close(): Promise<void>;
}

export async function serveDashboardPage(mode: DashboardMode): Promise<StaticPage> {
  let nonce = '';
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/dashboard') {
      nonce = randomBytes(18).toString('base64');
      const origin = `http://${req.headers.host ?? ''}`;
      const html = renderDashboardHtml({
        nonce,
        mode,
        scriptUri: '/assets/webview.js',
        styleUri: '/assets/media/dashboard.css',
        cspSource: mode === 'webview' ? origin : "'self'",
      });
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(html);
      return;
    }
    const f = FILES[path];
    if (!f) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': f[1] });
    res.end(readFileSync(join(ROOT, f[0])));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/dashboard`,
    origin,
    lastNonce: () => nonce,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
