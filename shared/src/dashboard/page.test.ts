import { describe, expect, it } from 'vitest';
import { dashboardCsp, IDS, renderDashboardHtml } from './page';

const nonce = 'AbCdEfGhIjKlMnOpQrStUv==';

describe('renderDashboardHtml', () => {
  it('has a strict CSP: nonce scripts, styles from the source, no remote anything', () => {
    const html = renderDashboardHtml({ nonce, scriptUri: 'https://x.vscode-cdn.net/dist/webview.js', styleUri: 's.css', cspSource: 'https://x.vscode-cdn.net', mode: 'webview' });
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1]?.replace(/&#39;/g, "'");
    expect(csp).toBe("default-src 'none'; script-src 'nonce-AbCdEfGhIjKlMnOpQrStUv=='; style-src https://x.vscode-cdn.net; base-uri 'none'; form-action 'none'");
    expect(html).toContain(`<script nonce="${nonce.replace(/=/g, '=')}" src="https://x.vscode-cdn.net/dist/webview.js"></script>`);
    // One script element only, no inline handlers, no inline styles.
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/<style/i);
    expect(html).toContain('data-mode="webview"');
    expect(html).toContain(`id="${IDS.setToken}"`);
  });

  it('lets the browser page connect to its own origin only', () => {
    const csp = dashboardCsp({ nonce, mode: 'browser' });
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("style-src 'self'");
    const html = renderDashboardHtml({ nonce, scriptUri: '/dashboard/webview.js', styleUri: '/dashboard/media/dashboard.css', mode: 'browser' });
    expect(html).not.toContain(`id="${IDS.setToken}"`);
    for (const id of Object.values(IDS).filter((i) => i !== IDS.setToken)) expect(html).toContain(`id="${id}"`);
  });

  it("takes a real VS Code's cspSource, which holds several sources", () => {
    // What VS Code 1.100 gives (webview.cspSource): 'self' and the CDN host, separated by a space.
    const csp = dashboardCsp({ nonce, cspSource: "'self' https://*.vscode-cdn.net", mode: 'webview' });
    expect(csp).toContain("style-src 'self' https://*.vscode-cdn.net;");
    const html = renderDashboardHtml({ nonce, scriptUri: 'https://x.vscode-cdn.net/w.js', styleUri: 's.css', cspSource: "'self'  https://*.vscode-cdn.net ", mode: 'webview' });
    expect(html).toContain('style-src &#39;self&#39; https://*.vscode-cdn.net;');
  });

  it('refuses a weak nonce or a source that would widen the policy', () => {
    expect(() => dashboardCsp({ nonce, cspSource: "'self' 'unsafe-inline'", mode: 'webview' })).toThrow(/cspSource/);
    expect(() => dashboardCsp({ nonce, cspSource: 'https://a,https://b', mode: 'webview' })).toThrow(/cspSource/);
    expect(() => dashboardCsp({ nonce, cspSource: '  ', mode: 'webview' })).toThrow(/cspSource/);
    expect(() => dashboardCsp({ nonce: 'short', mode: 'browser' })).toThrow(/nonce/);
    expect(() => dashboardCsp({ nonce, cspSource: "https://a; script-src 'unsafe-inline'", mode: 'webview' })).toThrow(/cspSource/);
  });

  it('escapes the URIs it is given', () => {
    const html = renderDashboardHtml({ nonce, scriptUri: '/a"><script>alert(1)</script>', styleUri: 's.css', mode: 'browser' });
    expect(html).not.toContain('<script>alert(1)');
    expect(html.match(/<script/g)).toHaveLength(1);
  });
});
