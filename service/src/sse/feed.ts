// Connects the store's ordered feed to the live side: the replay ring buffer, the SSE hub and the live
// rollups; and answers "what does a client reconnecting with this Last-Event-ID get first".
import type { ResetPayload } from '../../../shared/src/events';
import { RingBuffer } from '../store/ring-buffer';
import type { StoreListener, StoredEvent } from '../store/types';
import { eventFrame, namedFrame } from './frames';
import type { SseHub } from './hub';
import type { LiveRollups } from './rollups';

/** Sequence ids are decimal integers; anything else is not an id this service issued. */
const ID = /^\d{1,15}$/;

export class LiveFeed implements StoreListener {
  readonly ring: RingBuffer;

  constructor(
    bufferSize: number,
    private readonly hub: SseHub,
    private readonly rollups: LiveRollups,
  ) {
    this.ring = new RingBuffer(bufferSize);
  }

  onEvents(batch: readonly StoredEvent[]): void {
    for (const e of batch) this.ring.push(e);
    this.hub.publish(batch);
    this.rollups.add(batch);
  }

  onGap(): void {
    this.ring.clear();
    this.hub.broadcastReset({ reason: 'gap', oldestId: null, latestId: null });
  }

  private reset(reason: ResetPayload['reason']): string {
    const oldest = this.ring.oldestSeq;
    const latest = this.ring.latestSeq;
    const payload: ResetPayload = { reason, oldestId: oldest === null ? null : String(oldest), latestId: latest === null ? null : String(latest) };
    return namedFrame('reset', payload);
  }

  /** True when `lastEventId` is an id beyond what this instance's feed has delivered so far (the caller
   * then asks the store whether it exists: another instance may have handed it out already). */
  isAhead(lastEventId: string | null): boolean {
    return lastEventId !== null && ID.test(lastEventId) && Number(lastEventId) > (this.ring.latestSeq ?? 0);
  }

  /**
   * What a (re)connecting client gets before live events: the buffered events after its id (filtered
   * by `wants`), or a reset when they cannot be replayed without a gap. `storeLatestSeq`: the store's
   * newest id (looked up by the caller for an id this feed has not reached). An id this feed has not
   * delivered YET but the store has (a client moving from an instance that is ahead of this one) is
   * not a reset: the client is registered with `skipThrough` = its id, and the live events up to it
   * are not sent to it again.
   */
  catchUp(lastEventId: string | null, wants: (e: StoredEvent) => boolean, storeLatestSeq: number | null = null): { frames: string; skipThrough: number } {
    if (lastEventId === null) return { frames: '', skipThrough: 0 };
    if (!ID.test(lastEventId)) return { frames: this.reset('invalid'), skipThrough: 0 };
    const id = Number(lastEventId);
    const r = this.ring.after(id);
    if (r.kind === 'reset') {
      const lagging = r.reason === 'ahead' && storeLatestSeq !== null && id <= storeLatestSeq;
      return lagging ? { frames: '', skipThrough: id } : { frames: this.reset(r.reason), skipThrough: 0 };
    }
    let out = '';
    for (const e of r.events) if (wants(e)) out += eventFrame(e);
    return { frames: out, skipThrough: 0 };
  }
}
