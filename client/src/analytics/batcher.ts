// Relayed items go to the webview in batches (one postMessage per batch, not per event: at 1,000
// events/s that is the difference between 1,000 and ~20 messages a second). At most one batch is
// in flight; while it is, items wait, and past `maxPending` the oldest are dropped and counted so
// the page can say so. Memory stays bounded whatever the page does.
import { MAX_ITEMS_PER_MESSAGE } from '../../../shared/src/webview-protocol';
import type { StreamItem } from '../../../shared/src/dashboard/stream-items';
import { systemClock, type Clock } from '../../../shared/src/dashboard/stream-client';

export interface BatcherOptions {
  /** Posts one batch; resolves when the webview took it (VS Code's postMessage Thenable). */
  send(items: StreamItem[], dropped: number): PromiseLike<unknown>;
  flushMs?: number;
  maxPending?: number;
  clock?: Clock;
  onError?(e: unknown): void;
}

export class ItemBatcher {
  readonly #o: Required<Omit<BatcherOptions, 'onError'>> & BatcherOptions;
  #pending: StreamItem[] = [];
  #dropped = 0;
  #timer: unknown = null;
  #inFlight = false;
  #disposed = false;

  constructor(o: BatcherOptions) {
    this.#o = { flushMs: 50, maxPending: 20_000, clock: systemClock, ...o };
  }

  get pending(): number {
    return this.#pending.length;
  }

  push(item: StreamItem): void {
    if (this.#disposed) return;
    this.#pending.push(item);
    if (this.#pending.length > this.#o.maxPending) {
      const over = this.#pending.length - this.#o.maxPending;
      this.#pending.splice(0, over);
      this.#dropped += over;
    }
    if (this.#pending.length >= MAX_ITEMS_PER_MESSAGE) this.flush();
    else if (this.#timer === null) this.#timer = this.#o.clock.setTimeout(() => this.flush(), this.#o.flushMs);
  }

  flush(): void {
    if (this.#timer !== null) this.#o.clock.clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#inFlight || this.#disposed || (this.#pending.length === 0 && this.#dropped === 0)) return;
    const items = this.#pending.splice(0, MAX_ITEMS_PER_MESSAGE);
    const dropped = this.#dropped;
    this.#dropped = 0;
    this.#inFlight = true;
    Promise.resolve(this.#o.send(items, dropped)).then(
      () => this.#sent(),
      (e: unknown) => {
        this.#o.onError?.(e);
        this.#sent();
      },
    );
  }

  dispose(): void {
    this.#disposed = true;
    if (this.#timer !== null) this.#o.clock.clearTimeout(this.#timer);
    this.#timer = null;
    this.#pending = [];
  }

  #sent(): void {
    this.#inFlight = false;
    if (this.#pending.length > 0 || this.#dropped > 0) this.flush();
  }
}
