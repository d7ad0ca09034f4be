// GET /dashboard: the analytics page, the same UI as the VS Code webview (client/webview, bundled as
// dist/webview.js; template in shared/src/dashboard/page.ts), and the files it loads. The token comes
// from the URL fragment (`/dashboard#token=...`), which browsers never send to the server, so it is
// never logged; the page then reads /v1/stream (?access_token=) and /v1/query on this origin.
// (Replaced the placeholder; owned by the analytics UI work. See docs/analytics.md.)
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyPluginCallback } from 'fastify';
import { DASHBOARD_ASSETS, DASHBOARD_SCRIPT_PATH, DASHBOARD_STYLE_PATH } from '../../../shared/src/dashboard/assets';
import { dashboardCsp, renderDashboardHtml } from '../../../shared/src/dashboard/page';

/** The package root: dist/service.js runs from dist/, the sources (tests) from service/src/routes/. */
function packageRoot(): string {
  const candidates = [join(__dirname, '..'), join(__dirname, '..', '..', '..')];
  return candidates.find((d) => existsSync(join(d, 'media', 'dashboard.css'))) ?? (candidates[0] as string);
}

export const dashboardRoutes: FastifyPluginCallback = (app, _opts, done) => {
  const root = packageRoot();
  app.get('/dashboard', (_request, reply) => {
    const nonce = randomBytes(18).toString('base64');
    const html = renderDashboardHtml({ nonce, mode: 'browser', scriptUri: DASHBOARD_SCRIPT_PATH, styleUri: DASHBOARD_STYLE_PATH });
    return reply
      .type('text/html; charset=utf-8')
      .header('Content-Security-Policy', `${dashboardCsp({ nonce, mode: 'browser' })}; frame-ancestors 'none'`)
      .header('Cache-Control', 'no-store')
      .header('Referrer-Policy', 'no-referrer')
      .header('X-Content-Type-Options', 'nosniff')
      .send(html);
  });
  for (const [path, asset] of Object.entries(DASHBOARD_ASSETS)) {
    app.get(`/dashboard/${path}`, async (_request, reply) => {
      let body: Buffer;
      try {
        body = await readFile(join(root, asset.file));
      } catch {
        return reply.code(503).type('text/plain; charset=utf-8').send(`${asset.file} is missing: run \`npm run build\`.\n`);
      }
      return reply.type(asset.contentType).header('Cache-Control', 'no-cache').header('X-Content-Type-Options', 'nosniff').send(body);
    });
  }
  done();
};
