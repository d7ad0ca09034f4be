// Batches acknowledged while the history database is unreachable, held in memory in arrival order up to
// a byte bound (M1_ANALYTICS_SPOOL_MB). Past the bound ingestion is refused (503) before anything is
// acknowledged, so nothing acknowledged is ever dropped; the live feed meanwhile keeps going.
import type { HistoryEvent } from './writer';

/** A rough size of a batch in memory: its JSON plus object overhead. */
export function batchBytes(batch: readonly HistoryEvent[]): number {
  let n = 0;
  for (const b of batch) n += 200 + JSON.stringify(b.event).length * 2;
  return n;
}

export class Spool {
  private readonly batches: { batch: readonly HistoryEvent[]; bytes: number }[] = [];
  bytes = 0;

  constructor(readonly limitBytes: number) {}

  get size(): number {
    return this.batches.length;
  }

  get events(): number {
    let n = 0;
    for (const b of this.batches) n += b.batch.length;
    return n;
  }

  /** Whether `bytes` more would fit. */
  fits(bytes: number): boolean {
    return this.bytes + bytes <= this.limitBytes;
  }

  push(batch: readonly HistoryEvent[], bytes = batchBytes(batch)): void {
    this.batches.push({ batch, bytes });
    this.bytes += bytes;
  }

  peek(): readonly HistoryEvent[] | undefined {
    return this.batches[0]?.batch;
  }

  shift(): void {
    const b = this.batches.shift();
    if (b) this.bytes -= b.bytes;
  }
}
