// One analytics panel's logic, without `vscode`: it owns the relay (the SSE connection with the
// token), relays items to the page in batches, answers the page's messages (each parsed with the
// shared protocol), and runs its queries with the API client. The glue (panel.ts) only adapts a
// vscode.Webview to WebviewPort.
import type { ConnectionState } from '../../../shared/src/dashboard/connection-state';
import { checkQuery, INVALID_QUERY_MESSAGE } from '../../../shared/src/dashboard/query-check';
import { WebviewToHostSchema, type HostToWebview, type WebviewToHost } from '../../../shared/src/webview-protocol';
import { ApiClient, ApiError } from '../api/client';
import { ItemBatcher } from './batcher';
import { Relay } from './relay';

export interface WebviewPort {
  /** Resolves when the webview took the message (false when it is gone). */
  post(message: HostToWebview): PromiseLike<boolean>;
  onMessage(listener: (raw: unknown) => void): { dispose(): void };
}

export interface SessionOptions {
  port: WebviewPort;
  serviceUrl: string;
  token: string | null;
  /** "M1: Set Admin Token", when the page's button asks for it. */
  setAdminToken(): void;
  log(line: string): void;
  onState?(state: ConnectionState): void;
  fetch?: typeof fetch;
}

export class AnalyticsSession {
  readonly #o: SessionOptions;
  #relay: Relay;
  #api: ApiClient;
  readonly #batcher: ItemBatcher;
  readonly #listener: { dispose(): void };
  #disposed = false;

  constructor(o: SessionOptions) {
    this.#o = o;
    this.#batcher = new ItemBatcher({
      send: (items, dropped) => o.port.post({ type: 'items', items, dropped }),
      onError: (e) => o.log(`analytics: posting to the page failed: ${String(e)}`),
    });
    this.#listener = o.port.onMessage((raw) => this.#receive(raw));
    [this.#relay, this.#api] = this.#connect(o.serviceUrl, o.token);
  }

  get state(): ConnectionState {
    return this.#relay.state;
  }

  start(): void {
    this.#relay.start();
  }

  /** The token or the URL changed: reconnect with the new ones. */
  reconfigure(serviceUrl: string, token: string | null): void {
    this.#relay.stop();
    [this.#relay, this.#api] = this.#connect(serviceUrl, token);
    this.#o.serviceUrl = serviceUrl;
    this.#post({ type: 'config', serviceUrl });
    this.#relay.start();
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#relay.stop();
    this.#batcher.dispose();
    this.#listener.dispose();
  }

  #connect(serviceUrl: string, token: string | null): [Relay, ApiClient] {
    const relay = new Relay({
      baseUrl: serviceUrl,
      token,
      rollup: '1s',
      onItem: (item) => this.#batcher.push(item),
      onState: (state) => {
        this.#o.onState?.(state);
        this.#post({ type: 'state', state });
      },
      onInvalid: (reason) => this.#o.log(`analytics: ignored a stream message: ${reason}`),
      ...(this.#o.fetch ? { fetch: this.#o.fetch } : {}),
    });
    const api = new ApiClient({ baseUrl: serviceUrl, token, ...(this.#o.fetch ? { fetch: this.#o.fetch } : {}) });
    return [relay, api];
  }

  #post(m: HostToWebview): void {
    if (this.#disposed) return;
    Promise.resolve(this.#o.port.post(m)).catch((e: unknown) => this.#o.log(`analytics: posting to the page failed: ${String(e)}`));
  }

  #receive(raw: unknown): void {
    const r = WebviewToHostSchema.safeParse(raw);
    if (!r.success) {
      this.#o.log('analytics: ignored a message from the page that does not fit the protocol');
      return;
    }
    this.#handle(r.data);
  }

  #handle(m: WebviewToHost): void {
    switch (m.type) {
      case 'ready':
        this.#post({ type: 'config', serviceUrl: this.#o.serviceUrl });
        this.#post({ type: 'state', state: this.#relay.state });
        return;
      case 'retryNow':
        this.#relay.retryNow();
        return;
      case 'setAdminToken':
        this.#o.setAdminToken();
        return;
      case 'query':
        void this.#query(m.requestId, m.query);
        return;
    }
  }

  async #query(requestId: number, query: Record<string, unknown>): Promise<void> {
    const check = checkQuery(query);
    if (!check.ok) {
      const failure = { kind: 'bad-request' as const, status: null, message: `${INVALID_QUERY_MESSAGE}.`, issues: check.issues };
      this.#post({ type: 'queryResult', requestId, result: { ok: false, failure } });
      return;
    }
    try {
      const response = await this.#api.query(query);
      this.#post({ type: 'queryResult', requestId, result: { ok: true, response } });
    } catch (e) {
      const failure =
        e instanceof ApiError
          ? e.failure
          : { kind: 'server' as const, status: null, message: `The query failed: ${e instanceof Error ? e.message : String(e)}`, issues: [] };
      this.#post({ type: 'queryResult', requestId, result: { ok: false, failure } });
    }
  }
}
