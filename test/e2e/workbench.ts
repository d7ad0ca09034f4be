// The VS Code workbench as a user drives it: the Command Palette, Quick Open, input boxes and
// quick picks, modal dialogs, notifications, the editor, the Problems panel, hovers, the
// suggestion and quick-fix widgets, the status bar. Every wait is for something on screen; items
// are picked by their text, never by position.
import type { Frame, Locator, Page } from 'playwright-core';
import { check } from './runner';

const QUICK_INPUT = '.quick-input-widget';
const QUICK_ROWS = `${QUICK_INPUT} .monaco-list-row`;

export interface Notice {
  severity: 'error' | 'warning' | 'info';
  message: string;
}

export class Workbench {
  /** Every notification VS Code showed during the run, across window reloads. */
  readonly notices: Notice[] = [];

  constructor(readonly page: Page) {}

  /** Opens the workbench and waits until the explorer shows the workspace. */
  async load(url: string): Promise<void> {
    await this.#recordNotifications();
    await this.page.goto(url);
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor();
  }

  // ---- Command Palette, quick input -------------------------------------------------------

  /** Runs a command from the Command Palette by its full title ("M1: Revoke Token"). */
  async runCommand(title: string): Promise<void> {
    await this.#openQuickInput('Control+Shift+P');
    await this.page.locator(`${QUICK_INPUT} .quick-input-box input`).fill(`>${title}`);
    const row = this.page.locator(QUICK_ROWS).filter({ has: this.page.locator('.label-name', { hasText: exact(title) }) });
    await row.first().click();
  }

  /** The titles the palette lists for `prefix` (e.g. "M1:"). */
  async paletteTitles(prefix: string): Promise<string[]> {
    await this.#openQuickInput('Control+Shift+P');
    await this.page.locator(`${QUICK_INPUT} .quick-input-box input`).fill(`>${prefix}`);
    await this.page.locator(QUICK_ROWS).first().waitFor();
    const titles = await this.page.locator(`${QUICK_ROWS} .label-name`).allInnerTexts();
    await this.page.keyboard.press('Escape');
    return titles.map((t) => t.trim());
  }

  async #openQuickInput(keys: string): Promise<void> {
    const widget = this.page.locator(QUICK_INPUT);
    if (await widget.isVisible()) await this.page.keyboard.press('Escape');
    await widget.waitFor({ state: 'hidden' });
    await this.page.keyboard.press(keys);
    await this.page.locator(`${QUICK_INPUT} .quick-input-box input`).waitFor();
  }

  /** Answers an input box whose title matches `title`. */
  async answerInput(title: RegExp, text: string): Promise<void> {
    await this.page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: title }).waitFor();
    const input = this.page.locator(`${QUICK_INPUT} .quick-input-box input`);
    await input.fill(text);
    await input.press('Enter');
  }

  /** Picks the item whose label matches `label` in the quick pick titled `title`; returns every label. */
  async pick(title: RegExp, label: RegExp): Promise<string[]> {
    await this.page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: title }).waitFor();
    await this.page.locator(QUICK_ROWS).first().waitFor();
    const labels = (await this.page.locator(`${QUICK_ROWS} .label-name`).allInnerTexts()).map((l) => l.trim());
    await this.page.locator(QUICK_ROWS).filter({ has: this.page.locator('.label-name', { hasText: label }) }).first().click();
    return labels;
  }

  /** The title of the visible quick input. */
  async quickInputTitle(): Promise<string> {
    return (await this.page.locator(`${QUICK_INPUT} .quick-input-title`).innerText()).trim();
  }

  /** Clicks `button` in the modal dialog whose message matches `message`; returns the dialog's text. */
  async confirmModal(message: RegExp, button: string): Promise<string> {
    const dialog = this.page.locator('.monaco-dialog-box', { hasText: message });
    await dialog.waitFor();
    const text = await dialog.innerText();
    await dialog.locator('.monaco-button', { hasText: exact(button) }).click();
    await dialog.waitFor({ state: 'hidden' });
    return text;
  }

  /** Waits for a notification whose text matches `re`; returns its text. */
  async notification(re: RegExp): Promise<string> {
    const toast = this.page.locator('.notifications-toasts .notification-list-item-message', { hasText: re }).first();
    await toast.waitFor();
    return toast.innerText();
  }

  /** Every notification toast on screen (for checks that nothing unexpected was said). */
  async notifications(): Promise<string[]> {
    return this.page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts();
  }

  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
    await this.page.locator('.notifications-toasts .notification-list-item').first().waitFor({ state: 'hidden' });
  }

  /** Installs, in every page load, an observer that reports each new notification toast. */
  async #recordNotifications(): Promise<void> {
    await this.page.exposeFunction('__m1e2eNotice', (severity: string, message: string) => {
      this.notices.push({ severity: severity === 'error' || severity === 'warning' ? severity : 'info', message });
    });
    await this.page.addInitScript(() => {
      const report = (window as unknown as { __m1e2eNotice: (s: string, m: string) => void }).__m1e2eNotice;
      const scan = (): void => {
        for (const item of document.querySelectorAll<HTMLElement>('.notification-list-item:not([data-m1-seen])')) {
          const message = item.querySelector('.notification-list-item-message')?.textContent ?? '';
          if (message === '') continue;
          item.dataset.m1Seen = '1';
          const icon = item.querySelector('.notification-list-item-icon')?.className ?? '';
          report(/codicon-error/.test(icon) ? 'error' : /codicon-warning/.test(icon) ? 'warning' : 'info', message);
        }
      };
      new MutationObserver(scan).observe(document, { childList: true, subtree: true });
    });
  }

  // ---- editor ----------------------------------------------------------------------------

  /**
   * Opens a workspace file by clicking it in the Explorer (a path like ".vscode/settings.json"
   * expands its folders first). Quick Open was tried first: its list re-renders while results
   * arrive, so a click could land on a row that had just been replaced.
   */
  async openFile(path: string): Promise<void> {
    const parts = path.split('/');
    for (const [i, name] of parts.entries()) {
      const row = this.page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${name}"]`).first();
      if (i < parts.length - 1) {
        if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
        await this.page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${name}"][aria-expanded="true"]`).first().waitFor();
      } else {
        await row.click();
      }
    }
    const name = parts.at(-1) ?? path;
    await this.page.locator('.tabs-container .tab.active', { has: this.page.locator('.label-name', { hasText: exact(name) }) }).waitFor();
    await this.editor().locator('.view-lines').waitFor();
    await this.editor().click({ position: { x: 200, y: 5 } }); // the keyboard goes to the editor
  }

  editor(): Locator {
    return this.page.locator('.part.editor .editor-instance .monaco-editor').first();
  }

  /** Moves the cursor with Go to Line (Ctrl+G); line and column from 1. */
  async goto(line: number, column = 1): Promise<void> {
    await this.#openQuickInput('Control+G');
    const input = this.page.locator(`${QUICK_INPUT} .quick-input-box input`);
    await input.fill(`:${line}:${column}`);
    await input.press('Enter');
    await this.page.locator('#status\\.editor\\.selection', { hasText: `Ln ${line}, Col ${column}` }).waitFor();
  }

  /** The active editor's lines as shown (short files: every line is on screen). */
  async editorLines(): Promise<string[]> {
    return this.editor()
      .locator('.view-lines')
      .evaluate((el) =>
        [...el.querySelectorAll<HTMLElement>('.view-line')]
          .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
          .map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ')),
      );
  }

  /** Waits until the editor's text (lines joined by \n) matches `re`; returns the lines. */
  async waitForEditorText(re: RegExp, what: string): Promise<string[]> {
    try {
      await this.page.waitForFunction(
        ([sel, source, flags]) => {
          const el = document.querySelector(sel as string);
          if (!el) return false;
          const lines = [...el.querySelectorAll<HTMLElement>('.view-line')].sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
          const text = lines.map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ')).join('\n');
          return new RegExp(source as string, flags as string).test(text);
        },
        ['.part.editor .editor-instance .monaco-editor .view-lines', re.source, re.flags],
        { polling: 100 },
      );
    } catch (e) {
      throw new Error(`the editor never showed ${what}; it shows:\n${(await this.editorLines()).join('\n')}\n(${String(e)})`);
    }
    return this.editorLines();
  }

  /** Types text at the cursor as one insertion (no auto-closing quotes, no suggestions per key). */
  async insert(text: string): Promise<void> {
    await this.page.keyboard.insertText(text);
  }

  async save(): Promise<void> {
    await this.page.keyboard.press('Control+S');
    await this.page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached' });
  }

  /** Shows the hover at the cursor (Ctrl+K Ctrl+I) and returns its text. */
  async hoverAtCursor(expect: RegExp): Promise<string> {
    await this.page.keyboard.press('Control+K');
    await this.page.keyboard.press('Control+I');
    const hover = this.page.locator('.monaco-hover-content', { hasText: expect }).first();
    await hover.waitFor();
    const text = await hover.innerText();
    await this.page.keyboard.press('Escape');
    return text;
  }

  /** Triggers suggestions (Ctrl+Space) and returns their labels once `expect` is among them. */
  async suggestions(expect: RegExp): Promise<string[]> {
    await this.page.keyboard.press('Control+Space');
    const rows = this.page.locator('.suggest-widget.visible .monaco-list-row');
    await rows.filter({ hasText: expect }).first().waitFor();
    return (await rows.locator('.label-name').allInnerTexts()).map((l) => l.trim());
  }

  /**
   * Opens the quick-fix menu (Ctrl+.) at the cursor, runs `whileOpen` (a screenshot), picks the
   * action titled `title`; returns every title the menu showed.
   */
  async quickFix(title: RegExp, whileOpen?: () => Promise<void>): Promise<string[]> {
    await this.page.keyboard.press('Control+.');
    return this.chooseAction(title, whileOpen);
  }

  /**
   * In the open code-action menu, moves to the action titled `title` with the arrow keys and
   * runs it with Enter (the menu re-renders under a mouse; the keyboard is what users use here).
   */
  async chooseAction(title: RegExp, whileOpen?: () => Promise<void>): Promise<string[]> {
    const actions = this.page.locator('.action-widget .monaco-list-row.action');
    await actions.filter({ hasText: title }).first().waitFor();
    const titles = (await actions.allInnerTexts()).map((t) => t.trim());
    await whileOpen?.();
    for (let i = 0; i <= titles.length; i++) {
      const focused = (await this.page.locator('.action-widget .monaco-list-row.action.focused').getAttribute('aria-label')) ?? '';
      if (title.test(focused)) {
        await this.page.keyboard.press('Enter');
        await this.page.locator('.action-widget').waitFor({ state: 'hidden' });
        return titles;
      }
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`no action like ${title.source} could be focused; the menu shows ${titles.join(' | ')}`);
  }

  // ---- panels, status bar, webviews -------------------------------------------------------

  /**
   * The Problems panel's rows once one matches `expect`. The list is virtual (rows off screen are
   * not in the page), so `filter` goes into the panel's filter box first: a text (message, rule id)
   * or a glob of files ("**\/.env.production"); '' shows everything.
   */
  async problems(expect: RegExp, filter: string): Promise<Locator> {
    if (!(await this.page.locator('.markers-panel').isVisible())) await this.page.keyboard.press('Control+Shift+M');
    await this.page.locator('.markers-panel').waitFor();
    const box = this.page.locator('.part.panel .viewpane-filter input:visible').first();
    if ((await box.inputValue()) !== filter) await box.fill(filter);
    const rows = this.page.locator('.markers-panel .monaco-list-row');
    await rows.filter({ hasText: expect }).first().waitFor();
    return rows;
  }

  async closePanel(): Promise<void> {
    if (!(await this.page.locator('.part.panel').isVisible())) return; // the palette offers Hide Panel only when it shows
    await this.runCommand('View: Hide Panel');
    await this.page.locator('.part.panel').waitFor({ state: 'hidden' });
  }

  /** A status bar item of the extension by its id ("m1ops.status"): its accessible text. */
  statusItem(id: string): Locator {
    return this.page.locator(`[id="m1-ops.m1-ops.${id}"]`);
  }

  /** Waits until the element's aria-label (a status bar item's text and tooltip) matches `re`. */
  async waitForLabel(loc: Locator, re: RegExp): Promise<string> {
    const handle = await loc.elementHandle();
    check(handle !== null, 'no such element');
    try {
      await this.page.waitForFunction(([el, source, flags]) => new RegExp(source, flags).test((el as Element).getAttribute('aria-label') ?? ''), [handle, re.source, re.flags] as const, {
        polling: 100,
      });
    } catch (e) {
      throw new Error(`the label stayed "${(await loc.getAttribute('aria-label')) ?? ''}", never ${re.source} (${String(e)})`);
    }
    return (await loc.getAttribute('aria-label')) ?? '';
  }

  /** The frame holding the Live Analytics page (VS Code nests a webview in two iframes). */
  async analyticsFrame(): Promise<Frame> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      for (const f of this.page.frames()) {
        const has = await f.$('#m1-connection').then(
          (h) => h !== null,
          () => false,
        );
        if (has) return f;
      }
      check(Date.now() < deadline, 'no frame shows the Live Analytics page');
      await this.page.waitForTimeout(200); // frames appear as the webview loads; bounded by `deadline`
    }
  }
}

/** A RegExp that matches `s` exactly (the whole text, trimmed). */
export function exact(s: string): RegExp {
  return new RegExp(`^\\s*${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}
