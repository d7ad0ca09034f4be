// The checker's local answer cache: bounded, approximately LRU, each entry with its own deadline.
//
// Why two generations instead of a textbook LRU (Map delete + re-insert on every hit): the hit
// path runs on every request of every M1 app, and a single Map.get is several times cheaper than
// the delete/set a strict LRU needs. Entries live in `young`; when `young` is full it becomes
// `old` and the previous `old` is dropped whole. A hit in `old` promotes the entry back to
// `young`, so anything used within the last generation survives — the same scheme as "hashlru".
// Size never exceeds `maxEntries` (two generations of maxEntries/2 each).
//
// Why the values are small integers: an answer is stored as its deadline in ms after `base`,
// negated when the answer is "revoked". Small integers live inside the Map itself, so an entry
// allocates nothing (the key is the token's own jti string): with 100,000 entries churning, the
// garbage collector has far less to trace and no per-entry objects to free.

export const MISS = 0;
export const ALLOWED = 1;
export const REVOKED = 2;
export type CacheAnswer = typeof MISS | typeof ALLOWED | typeof REVOKED;

/** Offsets stay below 2^30 (a V8 small integer): about 12 days; the base moves before that. */
const MAX_OFFSET = 2 ** 30 - 1;
const REBASE_AFTER = 2 ** 29; // ~6 days

export class AnswerCache {
  private young = new Map<string, number>();
  private old = new Map<string, number>();
  private readonly generationSize: number;
  private base: number;

  constructor(maxEntries: number, now: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 2) throw new RangeError('maxEntries must be an integer >= 2');
    this.generationSize = Math.floor(maxEntries / 2);
    this.base = now;
  }

  /** The fresh answer for `key` at `now`, or MISS. */
  get(key: string, now: number): CacheAnswer {
    let v = this.young.get(key);
    if (v === undefined) {
      v = this.old.get(key);
      if (v === undefined) return MISS;
      this.old.delete(key);
      if (!fresh(v, now - this.base)) return MISS;
      this.insertYoung(key, v);
    } else if (!fresh(v, now - this.base)) {
      this.young.delete(key);
      return MISS;
    }
    return v < 0 ? REVOKED : ALLOWED;
  }

  has(key: string): boolean {
    return this.young.has(key) || this.old.has(key);
  }

  /** Caches `revoked` until `until` (epoch ms). Deadlines past ~12 days are cut short (re-asked). */
  set(key: string, revoked: boolean, until: number, now: number): void {
    if (now - this.base > REBASE_AFTER) {
      // Offsets are relative to `base`; rather than rewrite them, start afresh (once in ~6 days).
      this.clear();
      this.base = now;
    }
    const offset = Math.max(1, Math.min(MAX_OFFSET, Math.floor(until - this.base)));
    this.old.delete(key);
    this.insertYoung(key, revoked ? -offset : offset);
  }

  delete(key: string): void {
    this.young.delete(key);
    this.old.delete(key);
  }

  clear(): void {
    this.young = new Map();
    this.old = new Map();
  }

  get size(): number {
    return this.young.size + this.old.size;
  }

  private insertYoung(key: string, v: number): void {
    if (this.young.size >= this.generationSize) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, v);
  }
}

function fresh(v: number, elapsed: number): boolean {
  return (v < 0 ? -v : v) > elapsed;
}
