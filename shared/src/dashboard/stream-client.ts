// The reconnecting SSE client's state machine, independent of the transport: the extension host
// plugs in the `eventsource` package (Authorization header), the browser page the native
// EventSource (`?access_token=`). Both get the same backoff, Last-Event-ID tracking and states,
// and tests drive it with a fake connector and a fake clock (no sleeps).
import type { ConnectionState } from './connection-state';

export type StreamFailure =
  /** The server answered with a status other than 200 (or not with text/event-stream). */
  | { kind: 'http'; status: number }
  /** No answer, or the connection dropped. */
  | { kind: 'network'; message: string };

export interface StreamHandlers {
  open(): void;
  message(event: string, data: string, id: string | null): void;
  fail(failure: StreamFailure): void;
}

export interface StreamConnection {
  close(): void;
}

/** Opens one connection, resuming after `lastEventId` when it is not null. */
export type Connector = (lastEventId: string | null, handlers: StreamHandlers) => StreamConnection;

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface ReconnectingStreamOptions {
  connect: Connector;
  onState(state: ConnectionState): void;
  /** Every message, including `reset` (the caller decides what it means). */
  onMessage(event: string, data: string, id: string | null): void;
  /** The server's `retry: 2000` is the first delay; doubling up to `maxMs` spares a service that is down. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  clock?: Clock;
  /** Jitter source in [0, 1): spreads the reconnects of many clients after a restart. */
  random?: () => number;
}

export class ReconnectingStream {
  #opts: Required<Omit<ReconnectingStreamOptions, 'connect' | 'onState' | 'onMessage'>> & ReconnectingStreamOptions;
  #conn: StreamConnection | null = null;
  #timer: unknown = null;
  /** Bumped on every connect/stop so that callbacks of a closed connection are ignored. */
  #generation = 0;
  #attempt = 0;
  #lastEventId: string | null = null;
  #state: ConnectionState = { status: 'off' };

  constructor(opts: ReconnectingStreamOptions) {
    this.#opts = { initialDelayMs: 2000, maxDelayMs: 30_000, clock: systemClock, random: Math.random, ...opts };
  }

  get state(): ConnectionState {
    return this.#state;
  }

  get lastEventId(): string | null {
    return this.#lastEventId;
  }

  /** Connects (again). Also the way out of `unauthorised` once the token has changed. */
  start(): void {
    this.#attempt = 0;
    this.#connectNow();
  }

  /** Skips the countdown of a pending reconnect. */
  retryNow(): void {
    if (this.#state.status === 'connected') return;
    if (this.#state.status === 'reconnecting' && this.#state.retryAt === null) return; // already trying
    this.#connectNow();
  }

  stop(reason?: string): void {
    this.#generation++;
    this.#clearTimer();
    this.#conn?.close();
    this.#conn = null;
    this.#setState(reason === undefined ? { status: 'off' } : { status: 'off', reason });
  }

  #connectNow(): void {
    this.#clearTimer();
    const gen = ++this.#generation; // first, so that a close() reporting a failure is ignored
    this.#conn?.close();
    this.#setState({ status: 'reconnecting', attempt: this.#attempt, retryAt: null });
    const live = (): boolean => gen === this.#generation;
    this.#conn = this.#opts.connect(this.#lastEventId, {
      open: () => {
        if (!live()) return;
        this.#attempt = 0;
        this.#setState({ status: 'connected', since: this.#opts.clock.now() });
      },
      message: (event, data, id) => {
        if (!live()) return;
        if (id !== null && id !== '') this.#lastEventId = id;
        this.#opts.onMessage(event, data, id);
      },
      fail: (failure) => {
        if (!live()) return;
        this.#onFailure(failure);
      },
    });
  }

  #onFailure(f: StreamFailure): void {
    this.#generation++;
    this.#conn?.close();
    this.#conn = null;
    if (f.kind === 'http' && (f.status === 401 || f.status === 403)) {
      // Retrying cannot help: only a new token can. start() is called when it changes.
      this.#setState({
        status: 'unauthorised',
        httpStatus: f.status,
        reason: f.status === 401 ? 'the service refused the token (401)' : 'the token lacks the analytics:read scope (403)',
      });
      return;
    }
    this.#attempt++;
    const { initialDelayMs, maxDelayMs, clock, random } = this.#opts;
    const base = Math.min(maxDelayMs, initialDelayMs * 2 ** Math.min(this.#attempt - 1, 16));
    const delay = Math.round(base * (0.8 + 0.4 * random()));
    const reason = f.kind === 'http' ? `the service answered HTTP ${f.status}` : f.message;
    this.#setState({ status: 'reconnecting', attempt: this.#attempt, retryAt: clock.now() + delay, reason });
    this.#timer = clock.setTimeout(() => {
      this.#timer = null;
      this.#connectNow();
    }, delay);
  }

  #clearTimer(): void {
    if (this.#timer !== null) this.#opts.clock.clearTimeout(this.#timer);
    this.#timer = null;
  }

  #setState(s: ConnectionState): void {
    this.#state = s;
    this.#opts.onState(s);
  }
}
