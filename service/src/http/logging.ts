// Request logging without secrets: the Authorization header is never serialised, and an `access_token`
// query parameter (browsers' EventSource) is replaced in every logged URL.
import type { FastifyServerOptions } from 'fastify';
import type { DestinationStream } from 'pino';
import type { LogLevel } from '../config';

const SECRET_QUERY_KEYS = new Set(['access_token', 'token', 'id_token', 'refresh_token']);

function decodedKey(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    return raw.toLowerCase();
  }
}

/**
 * `/v1/stream?access_token=eyJ...&types=x` → `/v1/stream?access_token=[REDACTED]&types=x`. Keys are
 * compared decoded, as the query parser reads them: `access%5Ftoken` is `access_token` to the route, so
 * it is to the redaction too.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const hash = url.indexOf('#', q);
  const query = url.slice(q + 1, hash < 0 ? undefined : hash);
  const redacted = query
    .split('&')
    .map((part) => {
      const eq = part.indexOf('=');
      const rawKey = eq < 0 ? part : part.slice(0, eq);
      return SECRET_QUERY_KEYS.has(decodedKey(rawKey)) ? `${rawKey}=[REDACTED]` : part;
    })
    .join('&');
  return `${url.slice(0, q + 1)}${redacted}${hash < 0 ? '' : url.slice(hash)}`;
}

interface LoggedRequest {
  method: string;
  url: string;
  headers?: Record<string, unknown>;
  ip?: string;
  socket?: { remoteAddress?: string; remotePort?: number };
}

export function loggerOptions(level: LogLevel, stream?: DestinationStream): NonNullable<FastifyServerOptions['logger']> {
  return {
    level,
    ...(stream ? { stream } : {}),
    // Belt and braces: whatever else logs a request or its headers, these paths are censored.
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'authorization', 'access_token', 'token'],
      censor: '[REDACTED]',
    },
    serializers: {
      req(req: LoggedRequest) {
        return {
          method: req.method,
          url: redactUrl(req.url),
          remoteAddress: req.ip ?? req.socket?.remoteAddress,
        };
      },
    },
  };
}
