// Redis: connect, AUTH, SELECT, PING through ioredis (the client the M1 services use), loaded only
// when a check runs so that `m1-ops validate` without --connectivity never pays for it.
// AUTH is sent by hand rather than through ioredis' `password` option: ioredis prints a console
// warning when a password is sent to a server that needs none, and the CLI owns its output.
import { classify, serverMessage } from './classify';
import { raceSignal } from './deadline';
import type { Check, Failure } from './types';

const NO_PASSWORD_CONFIGURED = /called without any password configured/i;

function intOr(value: string | undefined, fallback: number): number {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : fallback;
}

export const checkRedis: Check = async (url, { signal, timeoutMs, env }) => {
  const { Redis } = await import('ioredis');
  const connectTimeout = Math.min(intOr(env.REDIS_CONNECT_TIMEOUT_MS, timeoutMs), timeoutMs);
  const username = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  const db = intOr(url.pathname.slice(1) || undefined, 0);
  const client = new Redis({
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: intOr(url.port || undefined, 6379),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    lazyConnect: true,
    enableOfflineQueue: false,
    enableReadyCheck: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    reconnectOnError: () => false,
    connectTimeout,
    commandTimeout: timeoutMs,
    disableClientInfo: true,
  });
  // connect() rejects with a generic "Connection is closed"; the real reason arrives as an event.
  let firstError: unknown;
  client.on('error', (e: unknown) => {
    firstError ??= e;
  });
  const session = async (): Promise<void> => {
    await client.connect();
    if (password) {
      try {
        await (username ? client.auth(username, password) : client.auth(password));
      } catch (e) {
        // The server is reachable and needs no password: the app connects fine (ioredis only warns).
        if (!NO_PASSWORD_CONFIGURED.test(serverMessage(e) ?? '')) throw e;
      }
    }
    if (db !== 0) await client.select(db);
    await client.ping();
  };
  try {
    await raceSignal(signal, session(), () => client.disconnect());
    return null;
  } catch (e) {
    return describe(firstError ?? e);
  } finally {
    client.disconnect();
  }
};

function describe(err: unknown): Failure {
  const f = classify(err);
  const name = err instanceof Error ? err.name : '';
  if (f.cause === 'authentication') {
    // NOAUTH (password required, none given) or WRONGPASS: the reply's first word, never our password.
    const word = /^[A-Z]+/.exec(serverMessage(err) ?? '')?.[0];
    return word ? { cause: 'authentication', detail: word } : f;
  }
  if (name === 'ParserError') return { cause: 'other', detail: 'the server does not speak the Redis protocol' };
  if (f.cause === 'other' && name === 'ReplyError') return { cause: 'other', detail: `Redis replied "${serverMessage(err) ?? ''}"` };
  return f;
}
