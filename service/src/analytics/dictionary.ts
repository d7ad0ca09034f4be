// Dictionary encoding for string columns: each distinct value gets a small integer code, rows store the
// code (Int32, -1 = absent). Filters and group-bys then compare integers, and memory per row is 4 bytes.
// Codes are append-only: a value keeps its code while the process lives (retention drops rows, not codes).
/** A Map entry, an array slot and a string header, roughly (V8, 64-bit). */
const ENTRY_BYTES = 64;

export class Dictionary {
  private readonly codes = new Map<string, number>();
  private readonly values: string[] = [];
  /** Estimated heap bytes (UTF-16 string data plus Map and array entries), for the memory budget. */
  bytes = 0;

  get size(): number {
    return this.values.length;
  }

  encode(value: string): number {
    let c = this.codes.get(value);
    if (c === undefined) {
      c = this.values.length;
      this.codes.set(value, c);
      this.values.push(value);
      this.bytes += ENTRY_BYTES + 2 * value.length;
    }
    return c;
  }

  /** The code of a value, or -1 when it never occurred (then no row can match it). */
  lookup(value: string): number {
    return this.codes.get(value) ?? -1;
  }

  decode(code: number): string | null {
    return code < 0 ? null : (this.values[code] ?? null);
  }

  /** A mask over codes: `mask[code] === 1` when `pred(value)`. Lets `contains` test each distinct value once. */
  mask(pred: (value: string) => boolean): Uint8Array {
    const m = new Uint8Array(this.values.length);
    for (let i = 0; i < this.values.length; i++) if (pred(this.values[i] as string)) m[i] = 1;
    return m;
  }
}
