// PostgreSQL: connect and `SELECT 1` through pg (the driver the M1 services use), loaded only when
// a check runs.
import { classify, serverMessage } from './classify';
import { raceSignal } from './deadline';
import type { Check, Failure } from './types';

/**
 * pg 8 treats sslmode prefer/require/verify-ca as verify-full and says so with a process warning
 * on stderr. Asking for verify-full directly keeps pg's exact behaviour without the warning
 * (libpq semantics remain available to users through `uselibpqcompat=true`, left untouched).
 */
export function withoutSslModeWarning(url: URL): string {
  const mode = url.searchParams.get('sslmode');
  if (url.searchParams.get('uselibpqcompat') === 'true' || !mode || !['prefer', 'require', 'verify-ca'].includes(mode)) return url.href;
  const copy = new URL(url.href);
  copy.searchParams.set('sslmode', 'verify-full');
  return copy.href;
}

export const checkPostgres: Check = async (url, { signal, timeoutMs }) => {
  const { default: pg } = await import('pg');
  const client = new pg.Client({
    connectionString: withoutSslModeWarning(url),
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
    statement_timeout: timeoutMs,
  });
  // A connection that drops after connect() surfaces as an event; the awaited calls report it too.
  client.on('error', () => undefined);
  const end = (): void => {
    client.end().catch(() => undefined);
  };
  try {
    await raceSignal(
      signal,
      (async () => {
        await client.connect();
        await client.query('SELECT 1');
      })(),
      end,
    );
    return null;
  } catch (e) {
    return describe(e);
  } finally {
    end();
  }
};

function describe(err: unknown): Failure {
  const f = classify(err);
  // An error from the server (pg's DatabaseError carries `severity` and a SQLSTATE `code`, e.g.
  // 3D000 unknown database): PostgreSQL's own message says it best and never contains our password.
  const fromServer = typeof err === 'object' && err !== null && 'severity' in err && 'code' in err;
  const code = fromServer ? err.code : undefined;
  if (typeof code === 'string') {
    return { cause: f.cause, detail: `${code} ${serverMessage(err) ?? ''}`.trim() };
  }
  return f;
}
