// What a single live check reports. Checks never throw for a failed connection: they return a
// Failure, which index.ts turns into an `unreachable` finding placed on the variable's value.

/** Why a service could not be used, as a user would name it. */
export type Cause = 'refused' | 'reset' | 'dns' | 'timeout' | 'tls' | 'authentication' | 'status' | 'other';

export interface Failure {
  cause: Cause;
  /** Short, already safe text (no password, no URL with credentials), e.g. "HTTP 503" or an error code; for `status`, what answered what. */
  detail?: string;
}

export interface CheckOptions {
  /** Aborts on the check's own deadline (reason: a TimeoutError) or on the caller's signal. */
  signal: AbortSignal;
  /** The per-check budget, for timeouts that the driver enforces itself. */
  timeoutMs: number;
  /** Expanded values of the document (e.g. REDIS_CONNECT_TIMEOUT_MS). */
  env: Readonly<Record<string, string>>;
}

/** One live check; resolves to null when the service answered as expected. */
export type Check = (url: URL, opts: CheckOptions) => Promise<Failure | null>;
