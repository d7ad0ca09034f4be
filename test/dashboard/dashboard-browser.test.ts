// The service's /dashboard in real Chromium against the real service (in-process, port 0): events
// posted through the API show up in the figures and charts, a query returns a table, the CSP blocks
// an injected inline script, and a service restart shows the reconnect state, then recovery and
// the missed-events notice. Assertions read the DOM (figures, aria text, data attributes), not pixels.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poll } from './support/poll';
import { ApiClient } from '../../client/src/api/client';
import { chromiumSkipReason, launchChromium } from './support/chromium';
import { ROOT } from './support/static-page';
import { startService, tempDataDir, toolsEvents, type RunningService } from './support/service';

const skip = chromiumSkipReason();
const ARTEFACTS = join(ROOT, 'test-results');

describe.skipIf(skip !== null)(`dashboard in Chromium against the service${skip ? ` (skipped: ${skip})` : ''}`, () => {
  const data = tempDataDir();
  let service: RunningService;
  let browser: Browser;
  let page: Page;
  let api: ApiClient;
  const consoleErrors: string[] = [];

  const figure = (key: string) => page.locator(`[data-figure="${key}"]`);

  beforeAll(async () => {
    // A small replay buffer, so that 150 events missed during an outage age out of it.
    service = await startService({ dataDir: data.dir, env: { M1_ANALYTICS_BUFFER_SIZE: '100' } });
    api = new ApiClient({ baseUrl: service.url, token: await service.token() });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 1500 } });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  });

  afterAll(async () => {
    await browser?.close();
    await service?.close();
    data.remove();
  });

  it('connects with the token from the fragment and removes it from the address bar', async () => {
    await page.goto(`${service.url}/dashboard#token=${await service.token(['analytics:read'])}`);
    await poll(() => page.locator('#m1-connection').getAttribute('data-status')).toBe('connected');
    expect(new URL(page.url()).hash).toBe('');
    await poll(() => page.locator('#m1-connection').textContent()).toBe(`Connected to ${service.url}`);
  });

  it('shows events posted through the API in the figures and charts', async () => {
    expect(await api.postEvents([...toolsEvents(18, 120), ...toolsEvents(2, 120, 'error'), { type: 'costs', amountUsd: 0.25 }])).toBe(21);
    await poll(() => figure('events-received').textContent()).toBe('21');
    await poll(() => figure('count-tools').textContent()).toBe('20');
    await poll(() => figure('count-costs').textContent()).toBe('1');
    // From the service's 1 s rollups: every duration is 120 ms, so every percentile is.
    await poll(() => figure('latency-p95').textContent()).toBe('120 ms');
    await poll(() => figure('cost-per-minute').textContent()).toBe('$0.25');
    expect(Number(await page.locator('#m1-chart-throughput').getAttribute('data-points'))).toBeGreaterThan(0);
    await poll(() => page.locator('#m1-chart-latency-d').textContent()).toContain('p95 120 ms');
    // The polite live region says it in words (announced at most every few seconds).
    await poll(() => page.locator('#m1-figures-live').textContent()).toMatch(/tools p95 120 ms/);
  });

  it('runs a DSL query and shows the result as a table', async () => {
    const query = { type: 'tools', range: '1h', groupBy: ['status'], aggregations: [{ fn: 'count', as: 'n' }], orderBy: { field: 'n', dir: 'desc' } };
    await page.locator('#m1-query-text').fill(JSON.stringify(query));
    await page.locator('#m1-query-text').press('Control+Enter');
    await poll(() => page.locator('#m1-query-status').getAttribute('data-state')).toBe('done');
    const headers = await page.locator('#m1-query-table thead th').allTextContents();
    expect(headers).toEqual(expect.arrayContaining(['status', 'n']));
    const rows = await page.locator('#m1-query-table tbody tr').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('ok');
    expect(rows[0]).toContain('18');
  });

  it('looks right, and logged no console errors', async () => {
    mkdirSync(ARTEFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTEFACTS, 'dashboard.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
  });

  it('names the bad field of an invalid query before sending it', async () => {
    let posted = 0;
    page.on('request', (r) => void (r.url().endsWith('/v1/query') && posted++));
    await page.locator('#m1-query-text').fill(JSON.stringify({ type: 'tools', range: '1h', groupBy: ['colour'] }));
    await page.getByRole('button', { name: 'Run query' }).click();
    await poll(() => page.locator('#m1-query-status').getAttribute('data-state')).toBe('error');
    expect(await page.locator('#m1-query-status').textContent()).toMatch(/^The query is not valid: — groupBy\[0\]: unknown field "colour" for type tools/);
    expect(posted).toBe(0);
  });

  it('shows the service’s answer when it refuses a query', async () => {
    // Valid for the DSL, refused by the service's analytics:read check: a token without the scope.
    const other = await browser.newPage();
    await other.goto(`${service.url}/dashboard#token=${await service.token(['events:write'])}`);
    await other.locator('#m1-query-text').fill(JSON.stringify({ type: 'tools', range: '1h' }));
    await other.getByRole('button', { name: 'Run query' }).click();
    await poll(() => other.locator('#m1-query-status').getAttribute('data-state')).toBe('error');
    expect(await other.locator('#m1-query-status').textContent()).toMatch(/denied the request \(403\)\. The token in the URL lacks the scope "analytics:read"/);
    expect(await other.locator('#m1-connection').getAttribute('data-status')).toBe('unauthorised');
    await other.close();
  });

  it('keeps its controls reachable by keyboard', async () => {
    await page.locator('body').focus();
    const reached: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent?.trim() || ''));
    }
    expect(reached).toEqual(expect.arrayContaining(['m1-pause', 'm1-latency-type', 'm1-query-preset', 'm1-query-text', 'Run query']));
    await page.locator('#m1-pause').focus();
    await page.keyboard.press('Space');
    expect(await page.locator('#m1-pause').getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Enter');
    expect(await page.locator('#m1-pause').getAttribute('aria-pressed')).toBe('false');
  });

  it('blocks an injected inline script (CSP)', async () => {
    const violation = await page.evaluate(
      () =>
        new Promise<{ directive: string; ran: boolean }>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) =>
            resolve({ directive: e.effectiveDirective, ran: (window as { injected?: boolean }).injected === true }),
          );
          const s = document.createElement('script');
          s.textContent = 'window.injected = true;';
          document.body.append(s);
        }),
    );
    expect(violation).toEqual({ directive: 'script-src-elem', ran: false });
    expect(await page.evaluate(() => (window as { injected?: boolean }).injected)).toBeUndefined();
  });

  it('shows the reconnect countdown while the service is down, then recovers and says what was missed', async () => {
    const port = service.port;
    // Hold the page's reconnects until the restarted service has moved on by more than its buffer.
    await page.route('**/v1/stream**', (route) => route.abort('connectionrefused'));
    await service.close();
    await poll(() => page.locator('#m1-connection').getAttribute('data-status')).toBe('reconnecting');
    await poll(() => page.locator('#m1-countdown').textContent()).toMatch(/^Reconnecting in \d+ s \(attempt \d+\)$/);
    expect(await page.locator('#m1-retry').isVisible()).toBe(true);

    service = await startService({ dataDir: data.dir, port, env: { M1_ANALYTICS_BUFFER_SIZE: '100' } });
    api = new ApiClient({ baseUrl: service.url, token: await service.token() });
    expect(await api.postEvents(toolsEvents(150, 5))).toBe(150);
    await page.unroute('**/v1/stream**');
    await page.locator('#m1-retry').click();
    await poll(() => page.locator('#m1-connection').getAttribute('data-status')).toBe('connected');
    await poll(() => page.locator('#m1-notice').getAttribute('data-kind')).toBe('reset');
    expect(await page.locator('#m1-notice').isVisible()).toBe(true);
    expect(await page.locator('#m1-notice-text').textContent()).toMatch(/Events were missed/);
    // Live again: new events arrive.
    const before = Number((await figure('events-received').textContent())?.replace(/,/g, ''));
    await api.postEvents(toolsEvents(3, 7));
    await poll(async () => Number((await figure('events-received').textContent())?.replace(/,/g, ''))).toBe(before + 3);
  });
});
