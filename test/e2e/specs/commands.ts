// Every M1 command from the Command Palette, end to end against the running service: the token
// commands (input boxes, quick picks, the modal confirmation, the save dialog), Check Connectivity
// against real Redis / PostgreSQL / a closed port, Generate Secret, Restart, Show Output, and the
// status bar items.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS, CATEGORY } from '../../../client/src/commands';
import { FILES } from '../fixtures';
import { check } from '../runner';
import { findFiles, type E2eContext } from './context';
import { waitForLog } from './settings';

export async function commandSteps(ctx: E2eContext): Promise<void> {
  const { wb, runner, service } = ctx;
  const run = randomBytes(4).toString('hex');
  const jti = `e2e-jti-${run}`;
  const tool = `e2e-tool-${run}`;

  await runner.step('the Command Palette lists every M1 command', async () => {
    await wb.openFile(FILES.dev); // Check Connectivity is offered in a .env editor only
    const titles = await wb.paletteTitles(`${CATEGORY}: `);
    const missing = COMMANDS.map((c) => `${CATEGORY}: ${c.title}`).filter((t) => !titles.includes(t));
    check(missing.length === 0, `missing from the palette: ${missing.join(', ')} (it lists ${titles.join(', ')})`);
  });

  await runner.step('Set Admin Token keeps the token in secret storage, never in settings', async () => {
    const serviceItem = wb.statusItem('m1ops.serviceStatus');
    check(/no admin token/.test((await serviceItem.getAttribute('aria-label')) ?? ''), 'the service status item knew a token before one was set');
    await wb.runCommand('M1: Set Admin Token');
    await wb.answerInput(/M1: Set Admin Token/, service.adminToken);
    await wb.notification(/M1: admin token saved \(sub m1-ops-dev, exp .*scopes: /);
    await wb.waitForLabel(serviceItem, /M1 service: connected to /);
    for (const f of findFiles(ctx.userData, /settings\.json$/).concat(join(ctx.workspace, '.vscode', 'settings.json'))) {
      check(!readFileSync(f, 'utf8').includes(service.adminToken), `the admin token was written to ${f}`);
    }
  });

  await runner.step('Revoke Token: reason, modal confirmation, revoked on the service', async () => {
    await wb.runCommand('M1: Revoke Token');
    await wb.answerInput(/Revoke Token \(1\/3\)/, jti);
    await wb.answerInput(/Revoke Token \(2\/3\)/, 'e2e: leaked in a CI log');
    const dialog = await wb.confirmModal(new RegExp(`Revoke token ${jti}\\?`), 'Revoke');
    check(dialog.includes('reason: e2e: leaked in a CI log') && dialog.includes('cannot be undone'), `the confirmation says: ${dialog}`);
    await wb.notification(new RegExp(`M1: token ${jti} is revoked`));
    const res = await fetch(`${service.url}/v1/tokens/${jti}`, { headers: { authorization: `Bearer ${service.adminToken}` } });
    const body = (await res.json()) as { revoked?: boolean };
    check(res.ok && body.revoked === true, `the service says ${res.status} ${JSON.stringify(body)} for ${jti}`);
  });

  await runner.step('Check Token Status says revoked, when, by whom and why', async () => {
    await wb.runCommand('M1: Check Token Status');
    await wb.answerInput(/M1: Check Token Status/, jti);
    await wb.notification(new RegExp(`M1: token ${jti} is revoked \\(since .* by m1-ops-dev, reason: e2e: leaked in a CI log\\)`));
  });

  await runner.step('Revoke All Tokens of a User or Tool: pick, value, reason, modal confirmation', async () => {
    await wb.runCommand('M1: Revoke All Tokens of a User or Tool');
    await wb.pick(/Revoke All Tokens \(1\/3\)/, /^A tool$/);
    await wb.answerInput(/Revoke All Tokens \(2\/3\)/, tool);
    await wb.answerInput(/Revoke All Tokens \(3\/3\)/, 'e2e: tool retired');
    await wb.confirmModal(new RegExp(`Revoke every token of tool "${tool}" issued before now\\?`), 'Revoke All');
    await wb.notification(new RegExp(`every token of tool "${tool}" issued before now is revoked`));
  });

  await runner.step('Audit Token Revocations lists the entry and exports it as JSON', async () => {
    await wb.runCommand('M1: Audit Token Revocations');
    await wb.answerInput(/Audit \(1\/3\)/, '');
    await wb.answerInput(/Audit \(2\/3\)/, tool);
    await wb.answerInput(/Audit \(3\/3\)/, '1h');
    const labels = await wb.pick(/M1: 1 audit entry \(newest first\)/, /Export as JSON/);
    check(labels.some((l) => l === `revoke-all tool ${tool}`), `the audit picker lists: ${labels.join(' | ')}`);
    // code-server's save dialog is VS Code's simple file dialog: a quick input holding the path.
    await wb.page.locator('.quick-input-widget .quick-input-title', { hasText: /Export the audit entries/ }).waitFor();
    await wb.page.keyboard.press('Enter');
    await wb.notification(/M1: 1 audit entry saved to .*m1-token-audit\.json/);
    const exported = JSON.parse(readFileSync(join(ctx.workspace, 'm1-token-audit.json'), 'utf8')) as { entries: { action: string; tool?: string }[] };
    check(exported.entries.length === 1 && exported.entries[0]?.tool === tool && exported.entries[0].action === 'revoke-all', `exported: ${JSON.stringify(exported)}`);
  });

  if (!ctx.databaseUrl && !ctx.require) {
    runner.skip('Check Connectivity against real Redis, PostgreSQL and a closed port', 'TEST_DATABASE_URL is not set');
  } else {
    await runner.step('Check Connectivity against real Redis, PostgreSQL and a closed port', async () => {
      check(ctx.databaseUrl !== '', 'M1_REQUIRE_SERVICES=1 but TEST_DATABASE_URL is not set');
      await wb.openFile(FILES.services);
      await wb.runCommand('M1: Check Connectivity');
      await wb.notification(/M1: 1 of 4 unreachable: M1_ANALYTICS_URL\. See the Problems panel\./);
      const rows = await wb.problems(/unreachable/, 'unreachable');
      const text = (await rows.allInnerTexts()).join('\n');
      check(text.includes(`127.0.0.1:${ctx.closedPort}`) || text.includes('M1_ANALYTICS_URL'), `Problems: ${text}`);
      check(!/REDIS_URL.*unreachable|DATABASE_URL.*unreachable/.test(text), `Redis or PostgreSQL reported unreachable: ${text}`);
    });
  }

  await runner.step('Generate Secret writes 48 random bytes at the cursor', async () => {
    await wb.openFile(FILES.dev);
    await wb.goto(7, 1);
    await wb.insert('M1_ADMIN_JWT_SECRET=');
    await wb.runCommand('M1: Generate Secret');
    const lines = await wb.waitForEditorText(/M1_ADMIN_JWT_SECRET=[A-Za-z0-9_-]{64}$/m, 'a generated secret');
    const secret = lines.find((l) => l.startsWith('M1_ADMIN_JWT_SECRET='))?.slice('M1_ADMIN_JWT_SECRET='.length) ?? '';
    (ctx.secrets ??= []).push(secret);
    const said = (await wb.notifications()).join('\n');
    check(!said.includes(secret), 'a notification shows the generated secret');
    await wb.runCommand('File: Revert File');
    await wb.page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached' });
  });

  await runner.step('Restart Language Server: a new server, diagnostics back', async () => {
    const READY = /m1-ops-language-server \S+ ready/g;
    const before = (await waitForLog(ctx, READY, 'the language server ready')).match(READY)?.length ?? 0;
    await wb.runCommand('M1: Restart Language Server');
    await waitForLog(ctx, new RegExp(`(${READY.source}[^]*){${before + 1}}`), `a new server (the log had ${before} "ready" lines)`);
    await wb.statusItem('m1ops.status').filter({ hasText: /M1 development/ }).waitFor();
    await wb.problems(/LOG_LEVEL must be one of/, 'LOG_LEVEL must');
  });

  await runner.step('Show Output and the status bar item open the M1 Ops log', async () => {
    await wb.closePanel();
    await wb.runCommand('M1: Show Output');
    await outputShown(ctx);
    await wb.closePanel();
    await wb.statusItem('m1ops.status').click();
    await outputShown(ctx);
    await wb.closePanel();
  });
}

async function outputShown(ctx: E2eContext): Promise<void> {
  const panel = ctx.wb.page.locator('.part.panel');
  await panel.locator('.monaco-select-box, select', { hasText: /M1 Ops/ }).first().waitFor();
  // The panel's filter box can keep a text typed for the Problems view: the whole log, please.
  const filter = panel.locator('.viewpane-filter input:visible').first();
  if ((await filter.count()) > 0 && (await filter.inputValue()) !== '') await filter.fill('');
  await panel.locator('.monaco-editor .view-lines', { hasText: /ready/ }).first().waitFor();
}
