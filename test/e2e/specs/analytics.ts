// The Live Analytics webview inside VS Code: it opens (it did not, before: cspSource), connects to
// the service, its figures and charts move with the demo traffic, the query box answers, it stays
// legible in a light and a dark theme, and it comes back after a window reload.
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { check } from '../runner';
import { exact } from '../workbench';
import type { E2eContext } from './context';

const TAB = 'M1 Live Analytics';

export async function analyticsSteps(ctx: E2eContext): Promise<void> {
  const { wb, runner } = ctx;

  await runner.step('Open Live Analytics: connects, figures and charts move', async () => {
    await wb.runCommand('M1: Open Live Analytics');
    await wb.page.locator('.tabs-container .tab.active', { has: wb.page.locator('.label-name', { hasText: exact(TAB) }) }).waitFor();
    const frame = await wb.analyticsFrame();
    await frame.locator('#m1-connection[data-status="connected"]').waitFor();
    const received = frame.locator('[data-figure="events-received"]');
    await moves(frame, '[data-figure="events-received"]');
    await moves(frame, '#m1-chart-throughput', 'data-points');
    // Enough seconds for lines on the charts before the README's picture is taken.
    await frame.waitForFunction(() => Number(document.querySelector('#m1-chart-latency')?.getAttribute('data-points') ?? 0) >= 12, undefined, { polling: 250 });
    check((await received.innerText()) !== '–', 'no events counted');
    const said = (await wb.notifications()).join('\n');
    check(!/Open Live Analytics failed/.test(said), `VS Code says: ${said}`);
    await wb.closePanel(); // the whole page for the README's picture
    await wb.page.screenshot({ path: join(ctx.screenshots, 'live-analytics.png') });
  });

  await runner.step('Live Analytics: the query box answers', async () => {
    const frame = await wb.analyticsFrame();
    await frame.locator('#m1-query-preset').selectOption('tools-p95');
    await frame.locator('#m1-query-form button[type="submit"]').click();
    await frame.locator('#m1-query-status[data-state="done"]').waitFor();
    const headers = await frame.locator('#m1-query-table thead th').allInnerTexts();
    const rows = await frame.locator('#m1-query-table tbody tr').count();
    check(headers.length > 1 && rows > 0, `the query answered ${rows} rows with headers ${headers.join(', ')}`);
  });

  await runner.step('Live Analytics stays legible in a light and a dark theme', async () => {
    const light = await legibility(await wb.analyticsFrame());
    check(light.contrast >= 4.5 && light.background > 0.5, `light theme: ${JSON.stringify(light)}`);
    await setTheme(ctx, 'Dark Modern');
    const frame = await wb.analyticsFrame();
    await frame.waitForFunction(() => document.body.classList.contains('vscode-dark'), undefined, { polling: 100 });
    await frame.locator('#m1-connection[data-status="connected"]').waitFor();
    const dark = await legibility(frame);
    check(dark.contrast >= 4.5 && dark.background < 0.2, `dark theme: ${JSON.stringify(dark)}`);
    await wb.page.screenshot({ path: join(ctx.screenshots, 'live-analytics-dark.png') });
    await setTheme(ctx, 'Light Modern');
    await (await wb.analyticsFrame()).waitForFunction(() => document.body.classList.contains('vscode-light'), undefined, { polling: 100 });
  });

  await runner.step('Live Analytics comes back after a window reload', async () => {
    await wb.runCommand('Developer: Reload Window');
    await wb.page.waitForEvent('load');
    await wb.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor();
    await wb.page.locator('.tabs-container .tab', { has: wb.page.locator('.label-name', { hasText: exact(TAB) }) }).first().click();
    const frame = await wb.analyticsFrame();
    await frame.locator('#m1-connection[data-status="connected"]').waitFor();
    await moves(frame, '[data-figure="events-received"]');
    await wb.waitForLabel(wb.statusItem('m1ops.serviceStatus'), /M1 service: connected to /);
  });

  await runner.step('the service status bar item opens Live Analytics', async () => {
    await wb.runCommand('View: Close All Editors');
    await wb.page.locator('.tabs-container .tab').first().waitFor({ state: 'detached' });
    await wb.statusItem('m1ops.serviceStatus').click();
    const frame = await wb.analyticsFrame();
    await frame.locator('#m1-connection[data-status="connected"]').waitFor();
  });
}

/** Waits until the text (or `attr`) of `selector` changes from what it is now. */
async function moves(frame: Frame, selector: string, attr?: string): Promise<void> {
  const read = (): Promise<string> => (attr ? frame.locator(selector).getAttribute(attr).then((v) => v ?? '') : frame.locator(selector).innerText());
  const first = await read();
  await frame.waitForFunction(
    ([sel, a, was]) => {
      const el = document.querySelector(sel);
      const now = a ? el?.getAttribute(a) : (el as HTMLElement | null)?.innerText;
      return now !== undefined && now !== null && now !== was;
    },
    [selector, attr ?? null, first] as const,
    { polling: 200 },
  );
}

async function setTheme(ctx: E2eContext, name: string): Promise<void> {
  await ctx.wb.runCommand('Preferences: Color Theme');
  await ctx.wb.page.locator('.quick-input-widget .quick-input-box input').fill(name);
  await ctx.wb.page.locator('.quick-input-widget .monaco-list-row', { has: ctx.wb.page.locator('.label-name', { hasText: new RegExp(`^\\s*(Default )?${name}\\s*$`) }) }).first().click();
  await ctx.wb.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Contrast of the page's text against its background (WCAG), and the background's luminance. */
async function legibility(frame: Frame): Promise<{ contrast: number; background: number; fg: string; bg: string }> {
  return frame.evaluate(() => {
    const rgb = (c: string): number[] => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const lum = (c: number[]): number => {
      const [r, g, b] = c.map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
    };
    const body = getComputedStyle(document.body);
    const figure = document.querySelector('[data-figure="events-received"]');
    const fg = figure ? getComputedStyle(figure).color : body.color;
    let bg = body.backgroundColor;
    if (/rgba\(.*, 0\)$|transparent/.test(bg)) bg = getComputedStyle(document.documentElement).backgroundColor;
    const [l1, l2] = [lum(rgb(fg)), lum(rgb(bg))].sort((a, b) => b - a) as [number, number];
    return { contrast: (l1 + 0.05) / (l2 + 0.05), background: lum(rgb(bg)), fg, bg };
  });
}
