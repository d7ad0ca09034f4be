// What every group of steps shares: the workbench, the runner, the running service and folders.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Service } from '../processes';
import type { Runner } from '../runner';
import type { Workbench } from '../workbench';

export interface E2eContext {
  wb: Workbench;
  runner: Runner;
  /** The workbench URL (with ?folder=). */
  url: string;
  service: Service;
  workspace: string;
  userData: string;
  screenshots: string;
  closedPort: number;
  /** TEST_DATABASE_URL, '' when unset. */
  databaseUrl: string;
  /** M1_REQUIRE_SERVICES=1: nothing may be skipped. */
  require: boolean;
  /** Secrets the run created (generated, revoked ids are not secrets): checked against the log. */
  secrets?: string[];
}

/**
 * Replaces the workspace settings the way a user does: opens .vscode/settings.json in the editor,
 * selects all, types the new JSON, saves. Leaves `back` (a file name) as the active editor.
 */
export async function setWorkspaceSettings(ctx: E2eContext, settings: Record<string, unknown>, back: string): Promise<void> {
  const { wb } = ctx;
  await wb.openFile('.vscode/settings.json');
  await wb.page.keyboard.press('Control+A');
  await wb.insert(JSON.stringify(settings, null, 2));
  // The JSON editor closes brackets and quotes as they are typed: drop what it added after ours.
  await wb.page.keyboard.press('Control+Shift+End');
  await wb.page.keyboard.press('Delete');
  await wb.save();
  const onDisk = JSON.parse(readFileSync(join(ctx.workspace, '.vscode', 'settings.json'), 'utf8')) as unknown;
  if (JSON.stringify(onDisk) !== JSON.stringify(settings)) throw new Error(`settings.json holds ${JSON.stringify(onDisk)}, not ${JSON.stringify(settings)}`);
  await wb.openFile(back);
}

/** Every file under `dir` whose name matches `re` (the extension's log lives a few folders down). */
export function findFiles(dir: string, re: RegExp): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) found.push(...findFiles(p, re));
    else if (re.test(name)) found.push(p);
  }
  return found;
}

/** The extension's LogOutputChannel ("M1 Ops") as VS Code wrote it to the logs folder. */
export function extensionLog(ctx: E2eContext): string {
  const files = findFiles(join(ctx.userData, 'logs'), /^M1 Ops\.log$/);
  if (files.length === 0) throw new Error(`no "M1 Ops.log" under ${join(ctx.userData, 'logs')}`);
  return files.map((f) => readFileSync(f, 'utf8')).join('\n');
}
