// STUB (owned by the CLI/connectivity work): live checks, only on demand.
import type { Finding } from '../../../shared/src/findings';
import type { RuleContext } from '../engine/types';

export interface ConnectivityOptions {
  /** Per check; default 3000 ms. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Redis PING, PostgreSQL SELECT 1, HTTP health GETs and JWKS fetch, in parallel; `unreachable` findings. */
export async function checkConnectivity(_ctx: RuleContext, _opts: ConnectivityOptions = {}): Promise<Finding[]> {
  return Promise.reject(new Error('checkConnectivity: not implemented yet'));
}
