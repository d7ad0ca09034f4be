// The extension host's side of the live stream: the `eventsource` package with the admin token in
// the Authorization header (a custom fetch, so the token never appears in a URL or reaches the
// webview), Last-Event-ID on reconnects, and the shared state machine. No `vscode` import: tests run
// it against the real service.
import { EventSource, type FetchLike } from 'eventsource';
import type { EventType } from '../../../shared/src/events';
import type { ConnectionState } from '../../../shared/src/dashboard/connection-state';
import { ReconnectingStream, type Clock, type StreamConnection, type StreamHandlers } from '../../../shared/src/dashboard/stream-client';
import { parseStreamMessage, STREAM_EVENT_NAMES, type StreamItem } from '../../../shared/src/dashboard/stream-items';
import { networkCause } from '../api/errors';

export interface RelayOptions {
  baseUrl: string;
  /** null: no admin token is set; the relay stays `off` and says so. */
  token: string | null;
  /** Only these event types (the status bar listens to `health` only); all when absent. */
  types?: readonly EventType[];
  /** Ask for `rollup` (and so `anomaly`) events at this interval, e.g. "1s"; none when absent. */
  rollup?: string;
  onState(state: ConnectionState): void;
  onItem(item: StreamItem): void;
  /** A message that did not validate (logged by the caller; the stream goes on). */
  onInvalid?(reason: string): void;
  fetch?: typeof fetch;
  clock?: Clock;
  initialDelayMs?: number;
}

export const NO_TOKEN_REASON = 'no admin token is set: run "M1: Set Admin Token"';

export class Relay {
  readonly #o: RelayOptions;
  readonly #stream: ReconnectingStream;

  constructor(o: RelayOptions) {
    this.#o = o;
    this.#stream = new ReconnectingStream({
      connect: (lastEventId, h) => this.#connect(lastEventId, h),
      onState: (s) => o.onState(s),
      onMessage: (event, data) => {
        const r = parseStreamMessage(event, data);
        if (r.ok) o.onItem(r.item);
        else o.onInvalid?.(r.reason);
      },
      ...(o.clock ? { clock: o.clock } : {}),
      ...(o.initialDelayMs !== undefined ? { initialDelayMs: o.initialDelayMs } : {}),
    });
  }

  get state(): ConnectionState {
    return this.#stream.state;
  }

  get lastEventId(): string | null {
    return this.#stream.lastEventId;
  }

  start(): void {
    if (!this.#o.token) {
      this.#stream.stop(NO_TOKEN_REASON);
      return;
    }
    this.#stream.start();
  }

  retryNow(): void {
    if (this.#stream.state.status === 'unauthorised' || this.#stream.state.status === 'off') this.start();
    else this.#stream.retryNow();
  }

  stop(): void {
    this.#stream.stop();
  }

  /** The stream URL; never carries the token (it goes in the Authorization header). */
  streamUrl(): string {
    const u = new URL(`${this.#o.baseUrl.replace(/\/+$/, '')}/v1/stream`);
    if (this.#o.types?.length) u.searchParams.set('types', this.#o.types.join(','));
    if (this.#o.rollup) u.searchParams.set('rollup', this.#o.rollup);
    return u.toString();
  }

  #connect(lastEventId: string | null, h: StreamHandlers): StreamConnection {
    const token = this.#o.token ?? '';
    const fetchImpl = this.#o.fetch ?? fetch;
    const authorisedFetch: FetchLike = async (url, init) => {
      const headers: Record<string, string> = { ...init.headers, Authorization: `Bearer ${token}` };
      // A new EventSource does not know the id we had; the package sends it only on its own retries.
      if (lastEventId !== null && !headers['Last-Event-ID']) headers['Last-Event-ID'] = lastEventId;
      try {
        return await fetchImpl(url, { ...init, headers });
      } catch (e) {
        throw new Error(networkCause(e)); // "ECONNREFUSED" says more than "fetch failed"
      }
    };
    const es = new EventSource(this.streamUrl(), { fetch: authorisedFetch });
    let done = false;
    es.addEventListener('open', () => h.open());
    for (const name of STREAM_EVENT_NAMES) {
      es.addEventListener(name, (e: MessageEvent) => {
        h.message(name, typeof e.data === 'string' ? e.data : '', e.lastEventId || null);
      });
    }
    es.addEventListener('error', (e) => {
      // We reconnect ourselves (countdown, backoff), so the package's own retry is stopped here.
      es.close();
      if (done) return;
      done = true;
      const code = e.code;
      if (code !== undefined && code !== 200) h.fail({ kind: 'http', status: code });
      else h.fail({ kind: 'network', message: code === 200 ? 'the answer was not an event stream' : e.message || 'the connection dropped' });
    });
    return {
      close: () => {
        done = true;
        es.close();
      },
    };
  }
}
