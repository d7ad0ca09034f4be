// End to end as a user starts it: `m1-ops serve --port 0 --dev` prints the dashboard URL with the
// token in the fragment; that URL, opened in Chromium, connects. (Needs the build: `npm test` runs it first.)
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { poll } from './support/poll';
import { chromiumSkipReason, launchChromium } from './support/chromium';
import { tempDataDir } from './support/service';
import { ROOT } from './support/static-page';

const skip = chromiumSkipReason();

function printedDashboardUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString('utf8');
      const m = /dashboard:\s+(http:\/\/\S+\/dashboard#token=\S+)/.exec(err);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`m1-ops serve exited (${code}) before printing the URL:\n${err}`)));
  });
}

describe.skipIf(skip !== null)(`the printed dashboard URL${skip ? ` (skipped: ${skip})` : ''}`, () => {
  const data = tempDataDir();
  let child: ChildProcess | undefined;
  let browser: Browser | undefined;

  afterAll(async () => {
    await browser?.close();
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child?.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    data.remove();
  });

  it('carries the token in the fragment and opens a connected dashboard', async () => {
    const env: Record<string, string | undefined> = { ...process.env, M1_DATA_DIR: data.dir, M1_ADMIN_JWT_SECRET: undefined };
    delete env.REDIS_URL; // the embedded store: this test must not share the suite's Redis
    child = spawn(process.execPath, [join(ROOT, 'bin', 'm1-ops.js'), 'serve', '--port', '0', '--host', '127.0.0.1', '--dev'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    const url = await printedDashboardUrl(child);
    const u = new URL(url);
    expect(u.search).toBe(''); // the token is never in the query string of the page itself
    expect(u.hash).toMatch(/^#token=[\w-]+\.[\w-]+\.[\w-]+$/);

    browser = await launchChromium();
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    const requests: string[] = [];
    page.on('request', (r) => void requests.push(r.url()));
    await page.goto(url);
    await poll(() => page.locator('#m1-connection').getAttribute('data-status')).toBe('connected');
    expect(requests.find((r) => r.includes('/dashboard') && r.includes('token'))).toBeUndefined();
    expect(errors).toEqual([]);
  });
});
