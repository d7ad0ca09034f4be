// The checker's local answer cache: bounded, approximately LRU, each entry with its own deadline.
//
// Why two generations instead of a textbook LRU (Map delete + re-insert on every hit): the hit
// path runs on every request of every M1 app, and a single Map.get is several times cheaper than
// the delete/set a strict LRU needs. Entries live in `young`; when `young` is full it becomes
// `old` and the previous `old` is dropped whole. A hit in `old` promotes the entry back to
// `young`, so anything used within the last generation survives — the same scheme as "hashlru".
// Size never exceeds `maxEntries` (two generations of maxEntries/2 each).

export interface CachedAnswer {
  readonly revoked: boolean;
  /** Epoch ms after which the answer must not be used. */
  readonly until: number;
}

export class AnswerCache {
  private young = new Map<string, CachedAnswer>();
  private old = new Map<string, CachedAnswer>();
  private readonly generationSize: number;

  constructor(maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 2) throw new RangeError('maxEntries must be an integer >= 2');
    this.generationSize = Math.floor(maxEntries / 2);
  }

  /** The answer for `key` if it is still fresh at `now`. */
  get(key: string, now: number): CachedAnswer | undefined {
    let a = this.young.get(key);
    if (a === undefined) {
      a = this.old.get(key);
      if (a === undefined) return undefined;
      this.old.delete(key);
      if (a.until <= now) return undefined;
      this.insertYoung(key, a);
      return a;
    }
    if (a.until <= now) {
      this.young.delete(key);
      return undefined;
    }
    return a;
  }

  /** The entry whatever its freshness (used to avoid overwriting a revoked answer). */
  peek(key: string): CachedAnswer | undefined {
    return this.young.get(key) ?? this.old.get(key);
  }

  has(key: string): boolean {
    return this.young.has(key) || this.old.has(key);
  }

  set(key: string, answer: CachedAnswer): void {
    this.old.delete(key);
    this.insertYoung(key, answer);
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

  private insertYoung(key: string, a: CachedAnswer): void {
    if (this.young.size >= this.generationSize) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, a);
  }
}
