// The language features in the editor: activation per file-name pattern, diagnostics with rule ids
// and the four levels in the Problems panel, rule documentation links, hover, completion, the
// outline, quick fixes, "Fix all M1 issues in this file" and source.fixAll.m1ops on save.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FILES, FIXTURE_SECRETS } from '../fixtures';
import { check } from '../runner';
import { exact } from '../workbench';
import { setWorkspaceSettings, type E2eContext } from './context';

export async function editorSteps(ctx: E2eContext): Promise<void> {
  const { wb, runner } = ctx;
  const status = wb.statusItem('m1ops.status');

  await runner.step('activation on .env.*: diagnostics of the four levels with rule ids in the Problems panel', async () => {
    await status.filter({ hasText: /M1 production/ }).waitFor();
    const tooltip = (await status.getAttribute('aria-label')) ?? '';
    // The tooltip also says which schema the file got, and why (issue 14).
    check(/profile production \(file-name\); M1 config \(sets M1_[A-Z0-9_]+\) — [1-9]\d* critical, [1-9]\d* errors, [1-9]\d* warnings, [1-9]\d* info/.test(tooltip), `status item: ${tooltip}`);
    await wb.editor().locator('.squiggly-error').first().waitFor();
    const rows = await wb.problems(/placeholder-secret/, '**/.env.production');
    // Each level, as VS Code shows it: critical and error are Errors (critical says so first), then Warning and Info.
    const expected: [RegExp, string][] = [
      [/^Error: Critical: JWT_SECRET is a well-known placeholder/, 'placeholder-secret'],
      [/^Error: DEBUG is on \("true"\) in production/, 'debug-in-production'],
      [/^Error: M1_API_BASE_URL uses http:\/\/ in production/, 'insecure-url'],
      [/^Warning: NODE_ENV is missing but required/, 'missing-required'],
      [/^Info: CACHE_TTL_SECONDS is not an M1 variable/, 'unknown-key'],
    ];
    const shown = await rows.evaluateAll((els) => els.map((e) => ({ label: e.getAttribute('aria-label') ?? '', text: (e as HTMLElement).innerText })));
    for (const [label, rule] of expected) {
      const row = shown.find((r) => label.test(r.label));
      check(row !== undefined, `no Problems row like ${label.source}; the rows: ${shown.map((r) => r.label).join(' | ')}`);
      check(row.text.includes('m1-ops') && row.text.includes(rule), `the Problems row for ${label.source} shows "${row.text}", not the source m1-ops and rule ${rule}`);
    }
  });

  await runner.step('rule ids link to their documentation', async () => {
    const rows = await wb.problems(/placeholder-secret/, '**/.env.production');
    const row = rows.filter({ hasText: 'placeholder-secret' }).first();
    const link = row.locator('a.monaco-link, a[href]', { hasText: 'placeholder-secret' }).first();
    await link.waitFor();
    const href = (await link.getAttribute('href')) ?? (await link.getAttribute('title')) ?? '';
    check(/docs\/rules\.md#placeholder-secret$/.test(href), `the rule id links to "${href}"`);
  });

  await runner.step('activation on .env and *.env (profile from NODE_ENV, then the default)', async () => {
    await wb.openFile(FILES.dev);
    await status.filter({ hasText: /M1 development/ }).waitFor();
    await wb.problems(/LOG_LEVEL must be one of/, 'LOG_LEVEL must');
    await wb.openFile(FILES.services);
    await wb.page.locator('#status\\.editor\\.mode', { hasText: exact('dotenv') }).waitFor();
    await status.filter({ hasText: /M1 development/ }).waitFor();
  });

  await runner.step('hover: the variable documented, a secret value never shown', async () => {
    await wb.openFile(FILES.dev);
    await wb.goto(4, 3); // JWT_SECRET
    const jwt = await wb.hoverAtCursor(/JWT_SECRET/);
    check(/Type\s+secret/.test(jwt) && /Rules/.test(jwt), `hover on JWT_SECRET: ${jwt}`);
    await wb.goto(4, 20); // on the value
    const value = await wb.hoverAtCursor(/JWT_SECRET/);
    await wb.goto(5, 3); // DATABASE_URL, with a password in it
    const db = await wb.hoverAtCursor(/DATABASE_URL/);
    for (const [where, text] of [['JWT_SECRET', jwt], ['its value', value], ['DATABASE_URL', db]] as const) {
      check(!text.includes(FIXTURE_SECRETS.devJwtSecret) && !text.includes(FIXTURE_SECRETS.dbPassword), `the hover on ${where} shows a secret: ${text}`);
    }
  });

  await runner.step('completion of variables and of allowed values', async () => {
    await wb.openFile(FILES.dev);
    await wb.goto(7, 1);
    await wb.insert('M1_REG');
    const names = await wb.suggestions(/M1_REGION/);
    check(names.includes('M1_REGION'), `suggestions for "M1_REG": ${names.join(', ')}`);
    await wb.page.keyboard.press('Escape');
    await wb.page.keyboard.press('Control+A');
    await wb.insert('JWT_ALGORITHM=');
    const values = await wb.suggestions(/RS256/);
    check(values.includes('HS256') && values.includes('RS256'), `suggestions after "JWT_ALGORITHM=": ${values.join(', ')}`);
    await wb.page.keyboard.press('Escape');
    await wb.runCommand('File: Revert File');
    await wb.page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached' });
  });

  await runner.step('outline: variables grouped by catalog section', async () => {
    await wb.openFile(FILES.production);
    await wb.page.keyboard.press('Control+Shift+O');
    const rows = wb.page.locator('.quick-input-widget .monaco-list-row');
    await rows.filter({ hasText: 'JWT_SECRET' }).first().waitFor();
    const labels = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    await wb.page.keyboard.press('Escape');
    const security = labels.findIndex((l) => l.startsWith('security'));
    check(security >= 0 && labels.slice(security + 1).some((l) => l.startsWith('JWT_SECRET')), `outline: ${labels.join(' | ')}`);
  });

  await runner.step('quick fix: generate a strong secret for a placeholder', async () => {
    await wb.openFile(FILES.production);
    await wb.problems(/placeholder-secret/, '**/.env.production'); // every level on screen for the picture
    await wb.goto(4, 12);
    const titles = await wb.quickFix(/Generate a strong secret for JWT_SECRET/, async () => {
      await wb.page.screenshot({ path: join(ctx.screenshots, 'editor-diagnostics.png') });
    });
    check(titles.some((t) => t === 'Generate a strong secret for JWT_SECRET'), `quick fixes: ${titles.join(', ')}`);
    const lines = await wb.waitForEditorText(/JWT_SECRET=[A-Za-z0-9_-]{40,}/, 'a generated JWT_SECRET');
    (ctx.secrets ??= []).push(...lines.filter((l) => l.startsWith('JWT_SECRET=')).map((l) => l.slice('JWT_SECRET='.length)));
    await wb.page.locator('.markers-panel .monaco-list-row', { hasText: 'placeholder-secret' }).first().waitFor({ state: 'detached' });
    await wb.runCommand('File: Revert File');
    await wb.page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached' });
  });

  await runner.step('"Fix all M1 issues in this file" applies every safe fix', async () => {
    await wb.openFile(FILES.staging);
    await wb.problems(/quote-character/, 'quote-character');
    await wb.runCommand('Source Action...');
    await wb.chooseAction(/^Fix all M1 issues in this file$/);
    await wb.waitForEditorText(/^M1_API_BASE_URL=https:\/\/api\.staging\.example\.com\nLOG_LEVEL=info\n?$/, 'the fixed file');
    await wb.save();
    const disk = readFileSync(join(ctx.workspace, FILES.staging), 'utf8');
    check(disk === 'M1_API_BASE_URL=https://api.staging.example.com\nLOG_LEVEL=info\n', `${FILES.staging} on disk: ${JSON.stringify(disk)}`);
  });

  await runner.step('source.fixAll.m1ops through editor.codeActionsOnSave', async () => {
    await setWorkspaceSettings(ctx, { 'editor.codeActionsOnSave': { 'source.fixAll.m1ops': 'explicit' } }, FILES.onSave);
    await wb.goto(2, 15);
    await wb.insert("   \n\n\nM1_REGION='eu-west-1'");
    await wb.save();
    const disk = readFileSync(join(ctx.workspace, FILES.onSave), 'utf8');
    check(disk === 'M1_API_BASE_URL=https://api.test.example.com\nLOG_LEVEL=info\n\nM1_REGION=eu-west-1\n', `${FILES.onSave} after saving: ${JSON.stringify(disk)}`);
    await setWorkspaceSettings(ctx, {}, FILES.dev);
  });
}
