// `npm run test:e2e`: the packaged extension in a real VS Code (code-server from npm, see
// install-code-server.ts) driven through its UI by Debian's Chromium (playwright-core), against a
// running `m1-ops serve --dev --demo`. Everything of a run goes to test-results/e2e/ (logs,
// screenshots, the VS Code user-data folder with the extension's own log). Options:
//   --grep RE       run only the steps whose name matches RE (the set-up steps always run)
//   --doc-images    also copy the README's two screenshots to docs/images/
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { freePort } from '../support/ports';
import { FILES, userSettings, writeWorkspace } from './fixtures';
import { ensureCodeServer, CODE_SERVER_VERSION } from './install-code-server';
import { installExtension, startCodeServer, startService, writeUserSettings, type Child } from './processes';
import { Runner } from './runner';
import { analyticsSteps } from './specs/analytics';
import { commandSteps } from './specs/commands';
import type { E2eContext } from './specs/context';
import { editorSteps } from './specs/editor';
import { logSteps } from './specs/logs';
import { settingsSteps } from './specs/settings';
import { Workbench } from './workbench';

const ROOT = join(__dirname, '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DOC_IMAGES = ['editor-diagnostics.png', 'live-analytics.png'];
/** A run that hangs past this is stopped and counted as failed (a normal run takes 2-3 min). */
const WATCHDOG_MS = Number(process.env.M1_E2E_TIMEOUT_MS ?? 20 * 60_000);

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  const out = (line: string): void => void process.stdout.write(`${line}\n`);
  const grep = arg('--grep');
  const artifacts = join(ROOT, 'test-results', 'e2e');
  rmSync(artifacts, { recursive: true, force: true });
  const dirs = { userData: join(artifacts, 'user-data'), extensions: join(artifacts, 'extensions') };
  const workspace = join(artifacts, 'workspace');
  const screenshots = join(artifacts, 'screenshots');
  for (const d of [dirs.userData, dirs.extensions, workspace, screenshots]) mkdirSync(d, { recursive: true });
  const runner = new Runner(screenshots, grep ? new RegExp(grep, 'i') : null, out);

  const vsix = join(ROOT, 'm1-ops.vsix');
  if (!existsSync(vsix)) throw new Error('m1-ops.vsix is missing: `npm run test:e2e` packages it first (npm run package)');
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  const codeServer = ensureCodeServer(out);

  const started: Child[] = [];
  let browser: Browser | null = null;
  const watchdog = setTimeout(() => {
    runner.fail('the run finishes in time', `still running after ${WATCHDOG_MS / 60_000} min: stopped`);
    void Promise.allSettled(started.map((p) => p.stop())).then(() => {
      runner.summary();
      process.exit(1);
    });
  }, WATCHDOG_MS);
  watchdog.unref();
  try {
    const service = await startService(ROOT, join(artifacts, 'service-data'), join(artifacts, 'service.log'));
    started.push(service.proc);
    out(`e2e: m1-ops serve --dev --demo on ${service.url}`);
    const closedPort = await freePort();
    const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    const databaseUrl = process.env.TEST_DATABASE_URL ?? '';
    writeWorkspace(workspace, { serviceUrl: service.url, redisUrl, databaseUrl: databaseUrl || 'postgres://postgres@127.0.0.1:5432/test', closedPort });
    writeUserSettings(dirs.userData, userSettings(service.url));
    installExtension(codeServer, dirs, vsix, join(artifacts, 'code-server.yaml'));
    const cs = await startCodeServer(codeServer, dirs, workspace, join(artifacts, 'code-server.yaml'), join(artifacts, 'code-server.log'));
    started.push(cs.proc);
    out(`e2e: code-server ${CODE_SERVER_VERSION} on ${cs.url}`);

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(45_000);
    runner.usePage(page);
    const wb = new Workbench(page);
    const ctx: E2eContext = {
      wb,
      runner,
      url: cs.url,
      service,
      workspace,
      userData: dirs.userData,
      screenshots,
      closedPort,
      databaseUrl,
      require: process.env.M1_REQUIRE_SERVICES === '1',
    };
    const loaded = await runner.step('the workbench loads the workspace', async () => {
      await wb.load(cs.url);
      await wb.openFile(FILES.production);
    }, true);
    if (loaded) {
      await editorSteps(ctx);
      await settingsSteps(ctx);
      await commandSteps(ctx);
      await analyticsSteps(ctx);
      await logSteps(ctx);
    }
  } finally {
    clearTimeout(watchdog);
    await browser?.close();
    for (const p of started.reverse()) await p.stop();
  }
  if (process.argv.includes('--doc-images') && runner.failed === 0) {
    for (const name of DOC_IMAGES) cpSync(join(screenshots, name), join(ROOT, 'docs', 'images', name));
    out(`e2e: docs/images/ refreshed (${DOC_IMAGES.join(', ')})`);
  }
  out(`e2e: logs, screenshots and the VS Code user-data folder are in ${artifacts}`);
  runner.summary();
  return runner.failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stdout.write(`e2e: could not run: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n0 passed, 1 failed\n`);
    process.exit(1);
  },
);
