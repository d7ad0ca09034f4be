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

  /** The frames a (re)connecting client gets before live events: the buffered events after its id
   * (filtered by `wants`), or a reset when they cannot be replayed without a gap. */
  catchUp(lastEventId: string | null, wants: (e: StoredEvent) => boolean): string {
    if (lastEventId === null) return '';
    if (!ID.test(lastEventId)) return this.reset('invalid');
    const r = this.ring.after(Number(lastEventId));
    if (r.kind === 'reset') return this.reset(r.reason);
    let out = '';
    for (const e of r.events) if (wants(e)) out += eventFrame(e);
    return out;
  }
}
