// Waiting for a condition that an event makes true (a frame arrived, a line was written), with a
// deadline that turns a hang into a failure saying what was awaited. Never a sleep.
export class Waiters {
  private readonly set = new Set<() => void>();

  notify(): void {
    for (const w of [...this.set]) w();
  }

  until(pred: () => boolean, what: string, ms: number, describe: () => string = () => ''): Promise<void> {
    if (pred()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!pred()) return;
        clearTimeout(timer);
        this.set.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.set.delete(check);
        reject(new Error(`timed out after ${ms} ms waiting for ${what}${describe() ? `: ${describe()}` : ''}`));
      }, ms);
      this.set.add(check);
    });
  }
}

/** Polls `probe` until it holds, for conditions no event announces (a killed port refusing, a
 * bound elapsing); bounded by `ms`. Resolves with the time it took. */
export async function pollUntil(probe: () => Promise<boolean> | boolean, what: string, ms: number, everyMs = 50): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    if (await probe()) return performance.now() - t0;
    if (performance.now() - t0 > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs)); // polling interval, not synchronisation
  }
}
