// The replay buffer of the live stream: the last N stored events, indexed by their gap-free sequence
// number, so "everything after id X" is an index computation, not a search.
import type { StoredEvent } from './types';

export type ReplayResult =
  | { kind: 'events'; events: StoredEvent[] }
  /** The id is older than the oldest buffered one (events were missed), or ahead of the newest. */
  | { kind: 'reset'; reason: 'aged-out' | 'ahead' };

export class RingBuffer {
  private readonly slots: (StoredEvent | undefined)[];
  private first = 0; // seq of the oldest buffered event (0: empty)
  private last = 0; // seq of the newest buffered event

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error('ring buffer capacity must be a positive integer');
    this.slots = new Array<StoredEvent | undefined>(capacity);
  }

  get size(): number {
    return this.first === 0 ? 0 : this.last - this.first + 1;
  }
  get oldestSeq(): number | null {
    return this.first === 0 ? null : this.first;
  }
  get latestSeq(): number | null {
    return this.last === 0 ? null : this.last;
  }

  /** Appends the next event; a sequence that does not follow the newest one clears the buffer first
   * (the caller reports the gap to clients: what was buffered can no longer be replayed without a hole). */
  push(e: StoredEvent): void {
    if (this.first !== 0 && e.seq !== this.last + 1) this.clear();
    if (this.first === 0) this.first = e.seq;
    this.slots[e.seq % this.capacity] = e;
    this.last = e.seq;
    if (this.last - this.first + 1 > this.capacity) this.first = this.last - this.capacity + 1;
  }

  clear(): void {
    this.slots.fill(undefined);
    this.first = 0;
    this.last = 0;
  }

  /** Everything after `afterSeq` (exclusive), oldest first. An empty buffer knows only the ids it has
   * seen: after a restart, any id from before is `ahead` unless it equals what the store reports. */
  after(afterSeq: number, latestKnownSeq: number = this.last): ReplayResult {
    if (afterSeq > latestKnownSeq) return { kind: 'reset', reason: 'ahead' };
    if (afterSeq === latestKnownSeq) return { kind: 'events', events: [] };
    if (this.first === 0 || afterSeq < this.first - 1) return { kind: 'reset', reason: 'aged-out' };
    const out: StoredEvent[] = [];
    for (let s = afterSeq + 1; s <= this.last; s++) {
      const e = this.slots[s % this.capacity];
      if (e) out.push(e);
    }
    return { kind: 'events', events: out };
  }
}
