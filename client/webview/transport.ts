// How the page reaches the service. Two implementations, chosen by the page's mode: the browser page
// talks to the service directly (EventSource + fetch, same origin), the VS Code webview talks to the
// extension host by postMessage (the host holds the token and the connection).
import type { ConnectionState } from '../../shared/src/dashboard/connection-state';
import type { ApiFailure, QueryResponse } from '../../shared/src/dashboard/query-result';
import type { StreamItem } from '../../shared/src/dashboard/stream-items';

export interface TransportSink {
  /** Validated items, in stream order. */
  items(items: StreamItem[]): void;
  state(state: ConnectionState): void;
  /** Items the transport had to skip (the page fell behind) or could not validate. */
  dropped(count: number): void;
  invalid(reason: string): void;
}

export type QueryOutcome = { ok: true; response: QueryResponse } | { ok: false; failure: ApiFailure };

/** UI state worth keeping across a reload of the page (never the token). */
export interface UiState {
  queryText?: string;
  latencyType?: string;
  paused?: boolean;
}

export interface Transport {
  readonly mode: 'webview' | 'browser';
  start(sink: TransportSink): void;
  query(query: Record<string, unknown>): Promise<QueryOutcome>;
  retryNow(): void;
  /** Webview only: asks the host to run "M1: Set Admin Token". */
  setAdminToken?(): void;
  /** Where the service is, for display. */
  describeTarget(): string;
  loadUiState(): UiState;
  saveUiState(s: UiState): void;
}
