// One live-stream client: writes SSE frames to the raw response while honouring backpressure. When the
// socket stops taking data (`write()` returns false) frames queue here until 'drain'; a client whose
// backlog (queued + Node's own buffer) passes the limit is disconnected rather than allowed to grow
// memory without bound - it resumes with Last-Event-ID like any reconnect.
import type { ServerResponse } from 'node:http';
import type { EventType } from '../../../shared/src/events';
import type { CheckClaims } from '../revocation/claims';
import { commentFrame } from './frames';

export type DisconnectReason = 'closed' | 'backlog' | 'shutdown' | 'revoked' | 'expired';

/** The token a stream was opened with: re-checked on revocation messages, closed at its expiry. */
export interface StreamToken {
  claims: CheckClaims;
  /** Epoch ms of the token's `exp`, or null. */
  expiresAtMs: number | null;
}

export interface SseClientOptions {
  /** Raw event types wanted; null = all. */
  types: ReadonlySet<EventType> | null;
  /** Rollup interval in ms, or null. */
  rollupMs: number | null;
  /** Events up to this id were already received (through another instance): not sent again. 0: none. */
  skipThrough?: number;
  backlogLimitBytes: number;
  onClose: (client: SseClient, reason: DisconnectReason) => void;
  /** The stream's token (absent in unit tests of the hub). */
  token?: StreamToken;
  /** Called once when the client goes, whatever the reason (gives the stream slot back). */
  onGone?: () => void;
}

export class SseClient {
  /** Key of the type filter: clients with the same key share one serialised batch. */
  readonly filterKey: string;
  private pending: string[] = [];
  private pendingBytes = 0;
  private blocked = false;
  private closed = false;
  /** See SseClientOptions.skipThrough; cleared once the feed has passed it. */
  skipThrough: number;

  constructor(
    private readonly res: ServerResponse,
    readonly opts: SseClientOptions,
  ) {
    this.filterKey = opts.types ? [...opts.types].sort().join(',') : '*';
    this.skipThrough = opts.skipThrough ?? 0;
    res.on('drain', () => this.flush());
    res.on('close', () => this.finish('closed'));
    res.on('error', () => this.finish('closed'));
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Bytes waiting to reach the socket (ours plus Node's). */
  get backlogBytes(): number {
    return this.pendingBytes + this.res.writableLength;
  }

  wants(type: EventType): boolean {
    return this.opts.types === null || this.opts.types.has(type);
  }

  /** `bytes` = Buffer.byteLength(frame), computed once by the caller for all clients. */
  send(frame: string, bytes: number): void {
    if (this.closed || frame === '') return;
    if (this.blocked) {
      this.pending.push(frame);
      this.pendingBytes += bytes;
    } else if (!this.res.write(frame)) {
      this.blocked = true;
    }
    if (this.backlogBytes > this.opts.backlogLimitBytes) this.drop();
  }

  private flush(): void {
    if (this.closed) return;
    this.blocked = false;
    if (this.pending.length === 0) return;
    const data = this.pending.join('');
    this.pending = [];
    this.pendingBytes = 0;
    if (!this.res.write(data)) this.blocked = true;
  }

  /** Past the backlog: the socket is destroyed (no final frame could get through anyway). */
  private drop(): void {
    this.pending = [];
    this.pendingBytes = 0;
    this.finish('backlog');
    this.res.destroy();
  }

  /** Ends the stream with a final comment saying why (shutdown, token revoked or expired). */
  end(comment: string, reason: DisconnectReason = 'shutdown'): void {
    if (this.closed) return;
    this.finish(reason);
    this.res.end(commentFrame(comment));
  }

  private finish(reason: DisconnectReason): void {
    if (this.closed) return;
    this.closed = true;
    this.opts.onClose(this, reason);
    this.opts.onGone?.();
  }
}
