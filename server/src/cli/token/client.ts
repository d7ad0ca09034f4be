// The CLI's HTTP client for /v1/tokens/*: turns every failure into one line that says what to do,
// and never prints the admin token or a revoked token.
import { z } from 'zod';
import { CliError } from '../errors';

/** The service answered, but refused or failed: exit code 1. */
export class ServiceRefused extends CliError {
  override name = 'ServiceRefused';
}

const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export interface ServiceTarget {
  baseUrl: string;
  token: string;
}

const DEFAULT_URL = 'http://127.0.0.1:3000';
const TIMEOUT_MS = 15_000;

export function resolveTarget(url: string | undefined, env: NodeJS.ProcessEnv): ServiceTarget {
  const raw = url ?? env.M1_OPS_URL ?? DEFAULT_URL;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new CliError(`the service URL is not a URL; give --url or M1_OPS_URL like ${DEFAULT_URL}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new CliError('the service URL must start with http:// or https://');
  const token = env.M1_OPS_TOKEN?.trim();
  if (!token) {
    throw new CliError('no admin token: set M1_OPS_TOKEN to an admin JWT with the tokens:* scopes (`m1-ops serve --dev` prints one)');
  }
  u.username = '';
  u.password = '';
  return { baseUrl: u.toString().replace(/\/+$/, ''), token };
}

function networkCause(e: unknown): string {
  const cause = e instanceof Error && e.cause instanceof Error ? (e.cause as NodeJS.ErrnoException) : undefined;
  if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) return `no answer within ${TIMEOUT_MS / 1000} s`;
  switch (cause?.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    case 'ECONNRESET':
      return 'connection reset';
    case 'ETIMEDOUT':
      return 'connection timed out';
    default:
      return cause?.code ?? 'network error';
  }
}

/** The service's error message, with the fix for the statuses a user can do something about. */
function describeFailure(status: number, body: unknown, scope: string): string {
  const parsed = ErrorBody.safeParse(body);
  const msg = parsed.success ? parsed.data.error.message : `HTTP ${status}`;
  switch (status) {
    case 401:
      return `the service rejected the admin token (401: ${msg}); set M1_OPS_TOKEN to a valid, unexpired admin token`;
    case 403:
      return `the admin token lacks the scope "${scope}" (403); use a token that has it`;
    case 503:
      return `the service cannot reach its revocation store (503: ${msg}); nothing was changed, retry shortly`;
    default:
      return status >= 500 ? `the service failed (${status}: ${msg}); retry, or check its logs` : `the service refused the request (${status}: ${msg})`;
  }
}

export async function call(
  t: ServiceTarget,
  method: 'GET' | 'POST',
  path: string,
  scope: string,
  body?: unknown,
): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(`${t.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${t.token}`,
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (e) {
    throw new CliError(`cannot reach the M1 Ops service at ${t.baseUrl} (${networkCause(e)}); check --url / M1_OPS_URL and that the service runs (m1-ops serve)`);
  }
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CliError(`${t.baseUrl} answered ${res.status} with something that is not JSON; is --url / M1_OPS_URL an M1 Ops service?`);
  }
  if (!res.ok) throw new ServiceRefused(describeFailure(res.status, parsed, scope));
  return parsed;
}
