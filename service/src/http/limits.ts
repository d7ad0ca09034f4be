// Caps on what one client can hold (service.md "Limits"): open connections in total (503 on the raw
// socket, before any parsing), requests in flight per token (429) and live streams per token (429)
// and in total (503). Every refusal carries Retry-After and the service's error shape. Counters are
// released exactly once, when the response (or the socket) closes.
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Gauge } from '../metrics/registry';
import { HttpError, rawErrorResponse } from './errors';

/** Seconds a refused client is asked to wait: long enough to matter, short enough to recover fast. */
export const RETRY_AFTER_S = 5;

export interface TokenLimitOptions {
  maxRequestsPerToken: number;
  maxSseStreams: number;
  maxSseStreamsPerToken: number;
}

function busy(status: 429 | 503, code: string, message: string): HttpError {
  return new HttpError(status, code, message, [], { 'Retry-After': String(RETRY_AFTER_S) });
}

/** Counts per token key (the token's jti, else a hash of it); a key's entry goes when it reaches 0. */
class KeyCounter {
  private readonly counts = new Map<string, number>();
  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }
  inc(key: string): void {
    this.counts.set(key, this.get(key) + 1);
  }
  dec(key: string): void {
    const n = this.get(key) - 1;
    if (n <= 0) this.counts.delete(key);
    else this.counts.set(key, n);
  }
}

export class TokenLimits {
  private readonly inflight = new KeyCounter();
  private readonly streams = new KeyCounter();
  private totalStreams = 0;

  constructor(private readonly opts: TokenLimitOptions) {}

  get streamCount(): number {
    return this.totalStreams;
  }

  /** Takes a request slot for the token or throws 429; the returned function gives it back (once). */
  enterRequest(key: string): () => void {
    if (this.inflight.get(key) >= this.opts.maxRequestsPerToken) {
      throw busy(429, 'too_many_requests', `this token already has ${this.opts.maxRequestsPerToken} requests in flight (M1_MAX_REQUESTS_PER_TOKEN); retry when one has finished`);
    }
    this.inflight.inc(key);
    return once(() => this.inflight.dec(key));
  }

  /** Takes a live-stream slot (per token, then in total) or throws 429/503. */
  enterStream(key: string): () => void {
    if (this.streams.get(key) >= this.opts.maxSseStreamsPerToken) {
      throw busy(429, 'too_many_streams', `this token already has ${this.opts.maxSseStreamsPerToken} live streams open (M1_MAX_SSE_STREAMS_PER_TOKEN); close one first`);
    }
    if (this.totalStreams >= this.opts.maxSseStreams) {
      throw busy(503, 'too_many_streams', `the service already serves ${this.opts.maxSseStreams} live streams (M1_MAX_SSE_STREAMS); retry later`);
    }
    this.streams.inc(key);
    this.totalStreams++;
    return once(() => {
      this.streams.dec(key);
      this.totalStreams--;
    });
  }
}

function once(f: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    f();
  };
}

/**
 * Past `max` open sockets, a new one gets a 503 written on the raw socket and is closed: nothing is
 * parsed, no handler runs. (Node's own `maxConnections` drops the socket without a word.)
 */
export function capConnections(server: Server, max: number, gauge: Gauge, onRefused: () => void): void {
  let open = 0;
  const refusal = rawErrorResponse(503, 'too_many_connections', `the service already holds ${max} connections (M1_MAX_CONNECTIONS); retry later`, {
    'Retry-After': String(RETRY_AFTER_S),
  });
  // Node's own connection listener (the HTTP parser) runs only for sockets under the cap.
  const inner = server.listeners('connection') as Array<(socket: Socket) => void>;
  server.removeAllListeners('connection');
  server.on('connection', (socket: Socket) => {
    open++;
    gauge.set(open);
    socket.once('close', () => {
      open--;
      gauge.set(open);
    });
    if (open > max) {
      onRefused();
      socket.on('error', () => undefined);
      socket.end(refusal);
      // A client that never reads cannot keep the descriptor: gone within a second either way.
      setTimeout(() => socket.destroy(), 1000).unref();
      return;
    }
    for (const l of inner) l.call(server, socket);
  });
}
