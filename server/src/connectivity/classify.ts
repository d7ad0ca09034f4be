// Maps driver and network errors to a cause a user can act on. Errors arrive wrapped in various
// ways (fetch: TypeError with `cause`; dual-stack connects: AggregateError with `errors`), so the
// whole chain is inspected.
import type { Cause, Failure } from './types';

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|HOSTNAME_MISMATCH$)/;
/** PostgreSQL SQLSTATEs: invalid_password, invalid_authorization_specification (e.g. unknown role). */
const PG_AUTH_CODES = new Set(['28P01', '28000']);
const SAFE_CODE = /^[A-Z0-9_]{2,40}$/;

interface Flat {
  codes: string[];
  messages: string[];
  names: string[];
}

function flatten(err: unknown, out: Flat = { codes: [], messages: [], names: [] }, depth = 0): Flat {
  if (depth > 5 || typeof err !== 'object' || err === null) return out;
  const e = err as { code?: unknown; message?: unknown; name?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string') out.codes.push(e.code);
  if (typeof e.message === 'string') out.messages.push(e.message);
  if (typeof e.name === 'string') out.names.push(e.name);
  flatten(e.cause, out, depth + 1);
  if (Array.isArray(e.errors)) for (const inner of e.errors) flatten(inner, out, depth + 1);
  return out;
}

function causeOf(f: Flat): Cause {
  const msg = f.messages.join('\n');
  if (f.names.includes('TimeoutError') || f.codes.some((c) => TIMEOUT_CODES.has(c)) || /\btimed? ?out\b|timeout/i.test(msg)) return 'timeout';
  if (f.codes.some((c) => PG_AUTH_CODES.has(c)) || /^(NOAUTH|WRONGPASS)\b/m.test(msg) || /password authentication failed/i.test(msg)) {
    return 'authentication';
  }
  if (f.codes.some((c) => TLS_CODE.test(c)) || /\b(SSL|TLS)\b|certificate|wrong version number/i.test(msg)) return 'tls';
  if (f.codes.includes('ECONNREFUSED')) return 'refused';
  if (f.codes.some((c) => RESET_CODES.has(c)) || /socket hang up|other side closed/i.test(msg)) return 'reset';
  if (f.codes.some((c) => DNS_CODES.has(c))) return 'dns';
  return 'other';
}

/**
 * The cause and a short detail. The detail is an error code (safe by construction) rather than a
 * driver message, which could quote the URL; the caller still scrubs known secrets from it.
 */
export function classify(err: unknown): Failure {
  const f = flatten(err);
  const cause = causeOf(f);
  const code = f.codes.find((c) => SAFE_CODE.test(c) && c !== 'ERR_ASSERTION');
  if (code) return { cause, detail: code };
  return { cause };
}

/** The first line of a server's own error text (Redis reply, PostgreSQL message): never echoes our password. */
export function serverMessage(err: unknown): string | undefined {
  const m = flatten(err).messages[0];
  return m?.split('\n')[0]?.slice(0, 200);
}
