// Request logging without secrets: the Authorization header is never serialised, and an `access_token`
// query parameter (browsers' EventSource) is replaced in every logged URL.
import type { FastifyServerOptions } from 'fastify';
import type { DestinationStream } from 'pino';
import type { LogLevel } from '../config';

const SECRET_QUERY_PARAMS = /([?&](?:access_token|token|id_token|refresh_token)=)[^&#]*/gi;

/** `/v1/stream?access_token=eyJ...&types=x` → `/v1/stream?access_token=[REDACTED]&types=x`. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY_PARAMS, '$1[REDACTED]');
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
