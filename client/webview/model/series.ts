// Per-second values over a sliding window, kept in the column layout uPlot draws from (one x array
// of epoch seconds and one array per series, index i ↔ the same second). The arrays are allocated
// once and shifted in place as time advances, so a long-running page allocates nothing per frame.
export class SecondSeries<K extends string> {
  /** Epoch seconds, ascending, always `size` long. */
  readonly x: number[];
  readonly #cols: Record<K, (number | null)[]>;
  #end: number;

  constructor(
    readonly size: number,
    keys: readonly K[],
    endSecond: number,
  ) {
    this.#end = endSecond;
    this.x = Array.from({ length: size }, (_, i) => endSecond - size + 1 + i);
    const cols = {} as Record<K, (number | null)[]>;
    for (const k of keys) cols[k] = new Array<number | null>(size).fill(null);
    this.#cols = cols;
  }

  get end(): number {
    return this.#end;
  }

  col(key: K): (number | null)[] {
    return this.#cols[key];
  }

  /** Slides the window so that it ends at `second` (never backwards). */
  advanceTo(second: number): void {
    const delta = second - this.#end;
    if (delta <= 0) return;
    const n = this.size;
    for (const key in this.#cols) {
      const a = this.#cols[key];
      if (delta >= n) a.fill(null);
      else {
        a.copyWithin(0, delta);
        a.fill(null, n - delta);
      }
    }
    for (let i = 0; i < n; i++) this.x[i] = second - n + 1 + i;
    this.#end = second;
  }

  /** Index of `second` in the arrays, or -1 when it is outside the window. */
  indexOf(second: number): number {
    const i = second - (this.#end - this.size + 1);
    return i >= 0 && i < this.size ? i : -1;
  }

  /** Sets one value; a second past the end slides the window, one before its start is dropped. */
  set(key: K, second: number, value: number | null): boolean {
    if (second > this.#end) this.advanceTo(second);
    const i = this.indexOf(second);
    if (i < 0) return false;
    this.#cols[key][i] = value;
    return true;
  }

  /** Values of `key` over the last `seconds` seconds ending at `end` (nulls skipped). */
  recent(key: K, seconds: number, end = this.#end): number[] {
    const out: number[] = [];
    const a = this.#cols[key];
    for (let s = end - seconds + 1; s <= end; s++) {
      const i = this.indexOf(s);
      const v = i < 0 ? null : a[i];
      if (v !== null && v !== undefined) out.push(v);
    }
    return out;
  }
}
