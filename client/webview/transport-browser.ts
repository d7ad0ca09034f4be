// The browser page's transport: the service serves the page, so the stream and the API are on the
// same origin (CSP connect-src 'self'). The token comes from the URL fragment (#token=…), which the
// browser never sends to a server; it is moved to sessionStorage and the fragment removed from the
// address bar so that it does not end up in bookmarks or screen shares.
import { ApiClient } from '../src/api/client';
import { ApiError, type FailureHints } from '../src/api/errors';
import { UiStateSchema } from './ui-state';
import { ReconnectingStream, type StreamHandlers } from '../../shared/src/dashboard/stream-client';
import { parseStreamMessage, STREAM_EVENT_NAMES } from '../../shared/src/dashboard/stream-items';
import type { QueryOutcome, Transport, TransportSink, UiState } from './transport';

const TOKEN_KEY = 'm1ops.dashboard.token';
const UI_KEY = 'm1ops.dashboard.ui';

const BROWSER_HINTS: FailureHints = {
  unreachable: (url) => `Is the service at ${url} still running?`,
  unauthorised: () => 'Open the dashboard URL that `m1-ops serve` printed (…/dashboard#token=…) or add #token=<admin token> to this URL.',
  forbidden: (scope) => `The token in the URL lacks the scope "${scope}".`,
};

/** Reads `#token=…` once, keeps it for this tab only, and clears the fragment. */
export function takeTokenFromFragment(loc: Location, hist: History, store: Storage): string | null {
  const params = new URLSearchParams(loc.hash.replace(/^#/, ''));
  const fromHash = params.get('token');
  if (fromHash) {
    store.setItem(TOKEN_KEY, fromHash);
    params.delete('token');
    const rest = params.toString();
    hist.replaceState(hist.state, '', `${loc.pathname}${loc.search}${rest ? `#${rest}` : ''}`);
    return fromHash;
  }
  return store.getItem(TOKEN_KEY);
}

export class BrowserTransport implements Transport {
  readonly mode = 'browser' as const;
  readonly #api: ApiClient;
  #stream: ReconnectingStream | null = null;

  constructor(
    private readonly origin: string,
    private readonly token: string | null,
  ) {
    this.#api = new ApiClient({ baseUrl: origin, token, hints: BROWSER_HINTS, fetch: (u, i) => fetch(u, i) });
  }

  describeTarget(): string {
    return this.origin;
  }

  start(sink: TransportSink): void {
    if (!this.token) {
      sink.state({ status: 'unauthorised', httpStatus: 401, reason: BROWSER_HINTS.unauthorised() });
      return;
    }
    this.#stream = new ReconnectingStream({
      connect: (lastEventId, h) => this.#connect(lastEventId, h),
      onState: (s) => sink.state(s),
      onMessage: (event, data) => {
        const r = parseStreamMessage(event, data);
        if (r.ok) sink.items([r.item]);
        else sink.invalid(r.reason);
      },
    });
    this.#stream.start();
  }

  retryNow(): void {
    this.#stream?.retryNow();
  }

  async query(query: Record<string, unknown>): Promise<QueryOutcome> {
    try {
      return { ok: true, response: await this.#api.query(query) };
    } catch (e) {
      if (e instanceof ApiError) return { ok: false, failure: e.failure };
      throw e;
    }
  }

  loadUiState(): UiState {
    try {
      const r = UiStateSchema.safeParse(JSON.parse(sessionStorage.getItem(UI_KEY) ?? '{}'));
      return r.success ? r.data : {};
    } catch {
      return {};
    }
  }

  saveUiState(s: UiState): void {
    sessionStorage.setItem(UI_KEY, JSON.stringify(s));
  }

  #streamUrl(lastEventId: string | null): string {
    const u = new URL('/v1/stream', this.origin);
    u.searchParams.set('rollup', '1s');
    // EventSource cannot send headers: the spec lets browsers pass the token as a query parameter
    // (the service never logs it). A new EventSource does not send Last-Event-ID either.
    u.searchParams.set('access_token', this.token ?? '');
    if (lastEventId !== null) u.searchParams.set('lastEventId', lastEventId);
    return u.toString();
  }

  #connect(lastEventId: string | null, h: StreamHandlers): { close(): void } {
    const url = this.#streamUrl(lastEventId);
    const es = new EventSource(url);
    let opened = false;
    let closed = false;
    es.onopen = () => {
      opened = true;
      h.open();
    };
    for (const name of STREAM_EVENT_NAMES) {
      es.addEventListener(name, (e: MessageEvent<unknown>) => {
        h.message(name, typeof e.data === 'string' ? e.data : '', e.lastEventId || null);
      });
    }
    es.onerror = () => {
      // We reconnect ourselves (countdown, backoff, lastEventId), so the native retry is stopped.
      es.close();
      if (closed) return;
      closed = true;
      if (opened) h.fail({ kind: 'network', message: 'the connection dropped' });
      else void probe(url).then((f) => h.fail(f));
    };
    return {
      close: () => {
        closed = true;
        es.close();
      },
    };
  }
}

/** EventSource hides why a connection failed; one GET tells 401/403 from a service that is down. */
async function probe(url: string): Promise<{ kind: 'http'; status: number } | { kind: 'network'; message: string }> {
  const ctl = new AbortController();
  try {
    const res = await fetch(url, { signal: ctl.signal, headers: { accept: 'text/event-stream' } });
    ctl.abort(); // we only wanted the status line; do not keep a second stream open
    return res.status === 200 ? { kind: 'network', message: 'the stream closed at once' } : { kind: 'http', status: res.status };
  } catch {
    return { kind: 'network', message: 'the service does not answer' };
  }
}
