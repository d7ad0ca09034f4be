// A mergeable quantile sketch in the manner of DDSketch (Masson, Rim, Lee, VLDB 2019): values fall in
// logarithmic buckets of ratio gamma = (1 + a) / (1 - a), so any quantile is answered within relative
// error a of a value of the data, whatever the distribution; two sketches merge by adding bucket
// counts, so per-minute sketches add up to hours or days exactly as if built at once. Values here are
// non-negative (every numeric event field is); values below MIN_VALUE count as zero.
//
// Encoded compactly for a bytea column: varint zero count, varint bucket count, then per bucket the
// zigzag varint delta of its index and its varint count. A minute of one tool's latencies (a few dozen
// buckets) takes some 100 bytes.

export const RELATIVE_ACCURACY = 0.005;
const GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
const LN_GAMMA = Math.log(GAMMA);
const MIN_VALUE = 1e-9;

/** Bucket counts over a contiguous index range (DDSketch's dense store): merging a decoded sketch is
 * array additions, not hash-map updates; it grows to cover new indexes (a group's values span a few
 * hundred buckets). */
class DenseBins {
  counts = new Float64Array(0);
  offset = 0;

  add(i: number, c: number): void {
    if (this.counts.length === 0) {
      this.counts = new Float64Array(64);
      this.offset = i - 32;
    }
    let k = i - this.offset;
    if (k < 0 || k >= this.counts.length) {
      const lo = Math.min(this.offset, i);
      const hi = Math.max(this.offset + this.counts.length, i + 1);
      const size = Math.max(hi - lo, this.counts.length) * 2;
      const grown = new Float64Array(size);
      const newOffset = lo - Math.floor((size - (hi - lo)) / 2);
      grown.set(this.counts, this.offset - newOffset);
      this.counts = grown;
      this.offset = newOffset;
      k = i - this.offset;
    }
    this.counts[k] = (this.counts[k] as number) + c;
  }

  *entries(): Generator<[number, number]> {
    for (let k = 0; k < this.counts.length; k++) {
      const c = this.counts[k] as number;
      if (c > 0) yield [k + this.offset, c];
    }
  }
}

export class QuantileSketch {
  private readonly bins = new DenseBins();
  zeros = 0;
  count = 0;

  add(v: number, times = 1): void {
    this.count += times;
    if (v < MIN_VALUE) {
      this.zeros += times;
      return;
    }
    this.bins.add(Math.ceil(Math.log(v) / LN_GAMMA), times);
  }

  merge(o: QuantileSketch): void {
    this.count += o.count;
    this.zeros += o.zeros;
    for (const [i, c] of o.bins.entries()) this.bins.add(i, c);
  }

  /** The percentile p in (0, 100] the way the engine computes it (linear interpolation between the
   * ranks floor(h) and floor(h) + 1, h = (count - 1) p / 100), each rank's value within
   * RELATIVE_ACCURACY: the interpolation of two values each within a of the truth is within a too. */
  percentile(p: number): number | null {
    if (this.count === 0) return null;
    const h = ((this.count - 1) * p) / 100;
    const lo = Math.floor(h);
    const a = this.valueAtRank(lo);
    if (lo + 1 >= this.count || h === lo) return a;
    const b = this.valueAtRank(lo + 1);
    return a + (h - lo) * (b - a);
  }

  /** The estimate of the value of integer rank k (0-based) in sorted order. */
  private valueAtRank(k: number): number {
    if (k < this.zeros) return 0;
    // A plain loop over the dense counts (a generator here cost more than the merges of a 24 h query).
    const counts = this.bins.counts;
    let seen = this.zeros;
    let last = 0;
    for (let j = 0; j < counts.length; j++) {
      const c = counts[j] as number;
      if (c === 0) continue;
      seen += c;
      last = j;
      if (seen > k) break;
    }
    return (2 * Math.pow(GAMMA, last + this.bins.offset)) / (GAMMA + 1);
  }

  encode(): Buffer {
    const entries = [...this.bins.entries()];
    const out: number[] = [];
    writeVarint(out, this.zeros);
    writeVarint(out, entries.length);
    let prev = 0;
    for (const [i, c] of entries) {
      writeVarint(out, zigzag(i - prev));
      writeVarint(out, c);
      prev = i;
    }
    return Buffer.from(out);
  }

  static decode(buf: Uint8Array): QuantileSketch {
    const s = new QuantileSketch();
    s.mergeEncoded(buf);
    return s;
  }

  /** Merges every sketch of `buf`: one encoding, or several concatenated (an encoding says its own
   * length, so the database can hand over a group's sketches as one string_agg). */
  mergeEncoded(buf: Uint8Array): void {
    const r = { buf, pos: 0 };
    while (r.pos < buf.length) {
      const zeros = readVarint(r);
      this.zeros += zeros;
      this.count += zeros;
      const n = readVarint(r);
      let prev = 0;
      for (let k = 0; k < n; k++) {
        const i = prev + unzigzag(readVarint(r));
        const c = readVarint(r);
        this.bins.add(i, c);
        this.count += c;
        prev = i;
      }
    }
  }
}

function zigzag(n: number): number {
  return n >= 0 ? n * 2 : -n * 2 - 1;
}
function unzigzag(n: number): number {
  return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
}

function writeVarint(out: number[], n: number): void {
  // Counts stay far below 2^53; arithmetic instead of bit operators keeps values above 2^31 right.
  while (n >= 128) {
    out.push((n % 128) + 128);
    n = Math.floor(n / 128);
  }
  out.push(n);
}

function readVarint(r: { buf: Uint8Array; pos: number }): number {
  let n = 0;
  let mul = 1;
  for (;;) {
    const b = r.buf[r.pos++];
    if (b === undefined) throw new Error('truncated sketch');
    n += (b % 128) * mul;
    if (b < 128) return n;
    mul *= 128;
  }
}
