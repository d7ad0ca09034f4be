// A small sequential runner: the steps share one workbench (a user's session), so they run in
// order, each named, each timed out by the waits inside it. A failing step gets a screenshot; the
// run ends with the line CI counts, exactly "N passed, N failed", and a non-zero exit on a failure.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export interface StepResult {
  name: string;
  status: 'passed' | 'failed' | 'skipped';
  ms: number;
  error?: string;
}

export class Runner {
  readonly results: StepResult[] = [];
  #page: Page | null = null;

  constructor(
    private readonly screenshots: string,
    private readonly filter: RegExp | null,
    private readonly out: (line: string) => void,
  ) {
    mkdirSync(screenshots, { recursive: true });
  }

  /** The page to screenshot when a step fails (it changes after a window reload). */
  usePage(page: Page): void {
    this.#page = page;
  }

  get failed(): number {
    return this.results.filter((r) => r.status === 'failed').length;
  }

  /** Runs a step; `always`: also when --grep would leave it out (the set-up every step needs). */
  async step(name: string, run: () => Promise<void>, always = false): Promise<boolean> {
    if (!always && this.filter && !this.filter.test(name)) return true;
    const started = Date.now();
    try {
      await run();
      this.#record({ name, status: 'passed', ms: Date.now() - started });
      return true;
    } catch (e) {
      const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
      this.#record({ name, status: 'failed', ms: Date.now() - started, error });
      await this.#screenshot(name);
      await this.#reset();
      return false;
    }
  }

  /** Records a failure that happened outside a step (the watchdog). */
  fail(name: string, reason: string): void {
    this.#record({ name, status: 'failed', ms: 0, error: reason });
  }

  skip(name: string, reason: string): void {
    if (this.filter && !this.filter.test(name)) return;
    this.#record({ name, status: 'skipped', ms: 0, error: reason });
  }

  /** Prints the summary; the last line is the one CI counts. */
  summary(): void {
    const passed = this.results.filter((r) => r.status === 'passed').length;
    const skipped = this.results.filter((r) => r.status === 'skipped');
    if (skipped.length > 0) this.out(`${skipped.length} skipped: ${skipped.map((s) => s.name).join('; ')}`);
    this.out(`${passed} passed, ${this.failed} failed`);
  }

  #record(r: StepResult): void {
    this.results.push(r);
    const mark = r.status === 'passed' ? 'ok  ' : r.status === 'failed' ? 'FAIL' : 'skip';
    this.out(`${mark} ${r.name} (${(r.ms / 1000).toFixed(1)} s)`);
    if (r.error) this.out(`     ${r.error.split('\n').slice(0, 12).join('\n     ')}`);
  }

  /**
   * After a failure, closes what the step may have left open (an input box that ignores focus
   * loss, a menu, a modal dialog), so that one failure does not block the steps after it.
   */
  async #reset(): Promise<void> {
    const page = this.#page;
    if (!page || page.isClosed()) return;
    for (let i = 0; i < 4; i++) await page.keyboard.press('Escape').catch(() => undefined);
  }

  async #screenshot(name: string): Promise<void> {
    if (!this.#page || this.#page.isClosed()) return;
    const file = join(this.screenshots, `FAILED-${name.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 80)}.png`);
    await this.#page.screenshot({ path: file }).then(
      () => this.out(`     screenshot: ${file}`),
      () => undefined,
    );
  }
}

/** Throws with `message` unless `ok`: the suite's one assertion, so failures read as sentences. */
export function check(ok: boolean, message: string): asserts ok {
  if (!ok) throw new Error(message);
}
