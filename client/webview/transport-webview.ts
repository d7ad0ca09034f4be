// The VS Code webview's transport: the extension host owns the connection and the token and relays
// stream items by postMessage. Everything received is parsed with the shared protocol schemas.
import { HostToWebviewSchema, type HostToWebview, type WebviewToHost } from '../../shared/src/webview-protocol';
import { UiStateSchema } from './ui-state';
import type { QueryOutcome, Transport, TransportSink, UiState } from './transport';

/** The part of the webview API we use (acquireVsCodeApi() may be called once per page). */
export interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare global {
  function acquireVsCodeApi(): VsCodeApi;
}

/** The host answers every query (its own fetch times out); this only bounds a lost reply. */
const QUERY_REPLY_TIMEOUT_MS = 60_000;

export class WebviewTransport implements Transport {
  readonly mode = 'webview' as const;
  #sink: TransportSink | null = null;
  #serviceUrl = 'the M1 service';
  #nextId = 1;
  readonly #pending = new Map<number, (o: QueryOutcome) => void>();

  constructor(
    private readonly api: VsCodeApi,
    private readonly target: Window,
  ) {}

  describeTarget(): string {
    return this.#serviceUrl;
  }

  start(sink: TransportSink): void {
    this.#sink = sink;
    this.target.addEventListener('message', (e: MessageEvent<unknown>) => this.#receive(e.data));
    this.#post({ type: 'ready' });
  }

  retryNow(): void {
    this.#post({ type: 'retryNow' });
  }

  setAdminToken(): void {
    this.#post({ type: 'setAdminToken' });
  }

  query(query: Record<string, unknown>): Promise<QueryOutcome> {
    const requestId = this.#nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#pending.delete(requestId);
        resolve({
          ok: false,
          failure: { kind: 'unreachable', status: null, message: 'The extension did not answer the query in time.', issues: [] },
        });
      }, QUERY_REPLY_TIMEOUT_MS);
      this.#pending.set(requestId, (o) => {
        clearTimeout(timer);
        resolve(o);
      });
      this.#post({ type: 'query', requestId, query });
    });
  }

  loadUiState(): UiState {
    const r = UiStateSchema.safeParse(this.api.getState());
    return r.success ? r.data : {};
  }

  saveUiState(s: UiState): void {
    this.api.setState(s);
  }

  #post(m: WebviewToHost): void {
    this.api.postMessage(m);
  }

  #receive(data: unknown): void {
    const sink = this.#sink;
    if (!sink) return;
    const r = HostToWebviewSchema.safeParse(data);
    if (!r.success) {
      sink.invalid(`a message from the extension did not fit the protocol (${r.error.issues[0]?.message ?? 'invalid'})`);
      return;
    }
    this.#handle(r.data, sink);
  }

  #handle(m: HostToWebview, sink: TransportSink): void {
    switch (m.type) {
      case 'config':
        this.#serviceUrl = m.serviceUrl;
        return;
      case 'state':
        sink.state(m.state);
        return;
      case 'items':
        if (m.dropped > 0) sink.dropped(m.dropped);
        sink.items(m.items);
        return;
      case 'queryResult': {
        const done = this.#pending.get(m.requestId);
        this.#pending.delete(m.requestId);
        done?.(m.result.ok ? { ok: true, response: m.result.response } : { ok: false, failure: m.result.failure });
        return;
      }
    }
  }
}
