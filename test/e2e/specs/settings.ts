// Settings changed while VS Code runs take effect without a reload: the profile, a rule turned
// off, and the protocol trace (m1ops.trace.server), which writes trace lines to the extension's log.
import { FILES } from '../fixtures';
import { check } from '../runner';
import { extensionLog, setWorkspaceSettings, type E2eContext } from './context';

export async function settingsSteps(ctx: E2eContext): Promise<void> {
  const { wb, runner } = ctx;
  const status = wb.statusItem('m1ops.status');
  const invalidValue = wb.page.locator('.markers-panel .monaco-list-row', { hasText: 'LOG_LEVEL must be one of' });

  await runner.step('settings: m1ops.validation.profile applies at once', async () => {
    await wb.openFile(FILES.dev);
    await status.filter({ hasText: /M1 development/ }).waitFor();
    await setWorkspaceSettings(ctx, { 'm1ops.validation.profile': 'production' }, FILES.dev);
    await status.filter({ hasText: /M1 production/ }).waitFor();
    const tooltip = (await status.getAttribute('aria-label')) ?? '';
    check(/profile production \((?!file-name)/.test(tooltip), `status item: ${tooltip}`);
    await wb.problems(/M1_REGION is missing but required in production/, 'M1_REGION');
  });

  await runner.step('settings: a rule turned off in m1ops.validation.rules disappears at once', async () => {
    await wb.problems(/LOG_LEVEL must be one of/, 'LOG_LEVEL must');
    await setWorkspaceSettings(ctx, { 'm1ops.validation.rules': { 'invalid-value': 'off' } }, FILES.dev);
    await invalidValue.first().waitFor({ state: 'detached' });
    await status.filter({ hasText: /M1 development/ }).waitFor(); // the profile setting went with the rest
    await setWorkspaceSettings(ctx, {}, FILES.dev);
    await invalidValue.first().waitFor();
  });

  await runner.step('settings: m1ops.trace.server "messages" writes the protocol trace to the log', async () => {
    const before = (extensionLog(ctx).match(/\[trace\]/g) ?? []).length;
    await setWorkspaceSettings(ctx, { 'm1ops.trace.server': 'messages' }, FILES.dev);
    await wb.goto(6, 3);
    await wb.hoverAtCursor(/LOG_LEVEL/); // a request the trace must show
    const traced = await waitForLog(ctx, /\[trace\].*textDocument\/hover/, 'a traced hover request');
    const after = (traced.match(/\[trace\]/g) ?? []).length;
    check(after > before, `no new trace lines (${before} before, ${after} after)`);
    await setWorkspaceSettings(ctx, {}, FILES.dev);
  });
}

/** Waits until the extension's log matches `re` (VS Code writes log files a moment after the line). */
export async function waitForLog(ctx: E2eContext, pattern: RegExp, what: string): Promise<string> {
  const re = new RegExp(pattern.source, pattern.flags.replace('g', '')); // test() on a /g RegExp keeps state
  const deadline = Date.now() + 30_000;
  for (;;) {
    let log = '';
    try {
      log = extensionLog(ctx);
    } catch {
      // not written yet
    }
    if (re.test(log)) return log;
    check(Date.now() < deadline, `the extension's log never showed ${what}`);
    await ctx.wb.page.waitForTimeout(250); // polling a file VS Code appends to; bounded by `deadline`
  }
}
