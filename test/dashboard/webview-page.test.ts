// The page in webview mode, in real Chromium: a stand-in for VS Code's acquireVsCodeApi records what
// the page posts, and the test posts what the extension host would. Covers what the service cannot
// produce on demand: anomalies (markers and list), host-side drops, invalid messages, pause/resume,
// the countdown and the buttons, the theme variables, and UI state kept across a reload.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { poll } from './support/poll';
import type { HostToWebview } from '../../shared/src/webview-protocol';
import { chromiumSkipReason, launchChromium } from './support/chromium';
import { serveDashboardPage, type StaticPage } from './support/static-page';

const skip = chromiumSkipReason();

interface Stand {
  sent: unknown[];
  state: unknown;
}

declare global {
  interface Window {
    __vscode: Stand;
  }
}

describe.skipIf(skip !== null)(`dashboard page in webview mode${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let server: StaticPage;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const figure = (key: string) => page.locator(`[data-figure="${key}"]`);
  const host = (m: HostToWebview | Record<string, unknown>) => page.evaluate((msg) => window.postMessage(msg, '*'), m);
  const sent = () => page.evaluate(() => window.__vscode.sent);
  const sec = () => Math.floor(Date.now() / 1000) * 1000;

  beforeAll(async () => {
    server = await serveDashboardPage('webview');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  afterEach(async () => {
    await page?.context().close();
  });

  beforeEach(async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 1200 } });
    page = await context.newPage();
    errors.length = 0;
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    page.on('pageerror', (e) => void errors.push(e.message));
    // What VS Code provides: acquireVsCodeApi (state survives a reload, like getState/setState) and
    // its theme variables on the document.
    await page.addInitScript(() => {
      const saved = sessionStorage.getItem('stand-state');
      window.__vscode = { sent: [], state: saved ? (JSON.parse(saved) as unknown) : undefined };
      (window as unknown as { acquireVsCodeApi: () => unknown }).acquireVsCodeApi = () => ({
        postMessage: (m: unknown) => void window.__vscode.sent.push(m),
        getState: () => window.__vscode.state,
        setState: (s: unknown) => {
          window.__vscode.state = s;
          sessionStorage.setItem('stand-state', JSON.stringify(s));
        },
      });
      document.addEventListener('DOMContentLoaded', () => {
        document.documentElement.style.setProperty('--vscode-charts-blue', 'rgb(1, 2, 3)');
        document.body.classList.add('vscode-dark');
      });
    });
    await page.goto(server.url);
    await poll(sent).toEqual([{ type: 'ready' }]);
  });

  it('shows the state the host sends, with a countdown and working buttons', async () => {
    await host({ type: 'config', serviceUrl: 'http://m1.example:3000' });
    await host({ type: 'state', state: { status: 'reconnecting', attempt: 2, retryAt: Date.now() + 9_500, reason: 'ECONNREFUSED' } });
    await poll(() => page.locator('#m1-connection').textContent()).toBe('Disconnected from http://m1.example:3000: ECONNREFUSED');
    expect(await page.locator('#m1-countdown').textContent()).toMatch(/^Reconnecting in (9|10) s \(attempt 2\)$/);
    await page.getByRole('button', { name: 'Retry now' }).click();
    await poll(sent).toContainEqual({ type: 'retryNow' });

    await host({ type: 'state', state: { status: 'unauthorised', httpStatus: 401, reason: 'the service refused the token (401)' } });
    await poll(() => page.locator('#m1-connection').getAttribute('data-status')).toBe('unauthorised');
    expect(await page.locator('#m1-retry').isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Set Admin Token…' }).click();
    await poll(sent).toContainEqual({ type: 'setAdminToken' });
    expect(errors).toEqual([]);
  });

  it('lists anomalies, marks them, and counts them in the figures', async () => {
    const t = sec();
    const rollups = Array.from({ length: 30 }, (_, i) => ({
      kind: 'rollup',
      rollup: { from: t - (30 - i) * 1000, to: t - (29 - i) * 1000, intervalMs: 1000, types: { tools: { count: 5, errorRate: 0, p50: 10, p95: 20 + i, p99: 30 + i, costUsd: 0 } } },
    }));
    const anomaly = { type: 'tools', metric: 'p95', value: 480, mean: 35, stddev: 4, z: 111.2, threshold: 3, from: t - 5000, to: t - 4000, intervalMs: 1000 };
    await host({ type: 'items', items: [...rollups, { kind: 'anomaly', anomaly }], dropped: 0 });
    await poll(() => figure('anomalies').textContent()).toBe('1');
    const row = page.locator('#m1-anomalies tbody tr');
    expect(await row.count()).toBe(1);
    expect(await row.getAttribute('data-metric')).toBe('p95');
    expect(await row.locator('td').allTextContents()).toEqual([expect.any(String), 'tools', 'p95', '480', '35.0', '111.2']);
    expect(await page.locator('#m1-anomalies-empty').isVisible()).toBe(false);
    await poll(() => figure('latency-p95').textContent()).toBe('49 ms');
    // Marked on the latency chart (the anomaly's metric), not on the others.
    await poll(() => page.locator('#m1-chart-latency').getAttribute('data-markers')).toBe('1');
    expect(await page.locator('#m1-chart-throughput').getAttribute('data-markers')).toBe('0');
    await page.locator('#m1-latency-type').selectOption('cache');
    await poll(() => page.locator('#m1-chart-latency').getAttribute('data-markers')).toBe('0');
    expect(errors).toEqual([]);
  });

  it('ignores messages that do not fit the protocol, and says when the host dropped items', async () => {
    await host({ type: 'items', items: [{ kind: 'event', event: { id: '1', type: 'tools', ts: 1, tool: 't', status: 'exploded', durationMs: 1 } }], dropped: 0 });
    await host({ type: 'items', items: [{ kind: 'event', event: { id: '2', type: 'tools', ts: 1, tool: 't', status: 'ok', durationMs: 1 } }], dropped: 40 });
    await poll(() => figure('events-received').textContent()).toBe('1');
    expect(await figure('skipped').textContent()).toBe('40 / 1');
    expect(await page.locator('#m1-notice').getAttribute('data-kind')).toBe('dropped');
    expect(await page.locator('#m1-notice-text').textContent()).toMatch(/^40 events were skipped/);
    await page.getByRole('button', { name: 'Dismiss' }).click();
    expect(await page.locator('#m1-notice').isVisible()).toBe(false);
    await host({ type: 'items', items: [{ kind: 'reset', reset: { reason: 'ahead', oldestId: null, latestId: '3' } }], dropped: 0 });
    await poll(() => page.locator('#m1-notice').getAttribute('data-kind')).toBe('reset');
    expect(await page.locator('#m1-notice-text').textContent()).toMatch(/may have restarted/);
  });

  it('freezes the view while paused and catches up on resume', async () => {
    const ev = (id: number) => ({ kind: 'event', event: { id: String(id), type: 'health', ts: Date.now(), component: 'db', status: 'up' } });
    await host({ type: 'items', items: [ev(1)], dropped: 0 });
    await poll(() => figure('events-received').textContent()).toBe('1');
    await page.getByRole('button', { name: 'Pause' }).click();
    expect(await page.locator('#m1-pause').getAttribute('aria-pressed')).toBe('true');
    await host({ type: 'items', items: [ev(2), ev(3)], dropped: 0 });
    // The page took the items (its model counts them) but did not redraw.
    await poll(() => page.evaluate(() => (window as unknown as { m1Dashboard?: { stats: { items: number } } }).m1Dashboard?.stats.items)).toBe(3);
    expect(await figure('events-received').textContent()).toBe('1');
    await page.getByRole('button', { name: 'Resume' }).click();
    await poll(() => figure('events-received').textContent()).toBe('3');
  });

  it('sends queries to the host and shows its answer, and keeps the query text across a reload', async () => {
    await page.locator('#m1-query-preset').selectOption('errors-by-code');
    await page.getByRole('button', { name: 'Run query' }).click();
    await poll(async () => (await sent()).filter((m) => (m as { type: string }).type === 'query')).toHaveLength(1);
    const q = (await sent()).find((m) => (m as { type: string }).type === 'query') as { requestId: number; query: { type: string } };
    expect(q.query.type).toBe('errors');
    await host({
      type: 'queryResult',
      requestId: q.requestId,
      result: { ok: true, response: { rows: [{ code: 'E_TIMEOUT', severity: 'high', n: 12 }], nextCursor: null, stats: { scanned: 40, tookMs: 3 } } },
    });
    await poll(() => page.locator('#m1-query-status').textContent()).toBe('1 rows; 40 events scanned in 3 ms.');
    expect(await page.locator('#m1-query-table tbody td').allTextContents()).toEqual(['E_TIMEOUT', 'high', '12']);

    await page.locator('#m1-query-text').fill('{"type": "cache", "range": "5m"}');
    await page.locator('#m1-latency-type').selectOption('cache');
    await page.reload();
    await poll(() => page.locator('#m1-query-text').inputValue()).toBe('{"type": "cache", "range": "5m"}');
    expect(await page.locator('#m1-latency-type').inputValue()).toBe('cache');
    expect(await page.locator('[data-figure="latency-p95"]').locator('xpath=preceding-sibling::dt').textContent()).toBe('cache p95');

    // An answer that covers less than the retention says so in the same line (issue 13: coverage).
    // (The reload started a new page: its messages start over.)
    await page.getByRole('button', { name: 'Run query' }).click();
    await poll(async () => (await sent()).filter((m) => (m as { type: string }).type === 'query')).toHaveLength(1);
    const q2 = (await sent()).find((m) => (m as { type: string }).type === 'query') as { requestId: number };
    const coverage = { from: Date.UTC(2026, 0, 1, 10), to: Date.UTC(2026, 0, 1, 12) };
    await host({ type: 'queryResult', requestId: q2.requestId, result: { ok: true, response: { rows: [], nextCursor: null, stats: { scanned: 0, tookMs: 1 }, coverage } } });
    await poll(() => page.locator('#m1-query-status').textContent()).toMatch(/^0 rows; 0 events scanned in 1 ms\. Covers only .+ to .+ \(older events are not held\)\.$/);
  });

  it('takes its chart colours from the VS Code theme variables', async () => {
    const colour = await page.evaluate(() => getComputedStyle(document.body).getPropertyValue('--m1-series-1').trim());
    expect(colour).toBe('rgb(1, 2, 3)');
  });
});
