// The one error shape of the service (service.md): `{"error": {"code", "message", "issues": [...]}}`.
//
// STABLE INTERFACE (used by the revocation work):
//   class HttpError(status, code, message, issues?)   throw it from a handler; the app's error handler answers with it
//   type ErrorIssue = { path: string; message: string; index?: number }
//   type ErrorBody = { error: { code: string; message: string; issues: ErrorIssue[] } }
//   errorBody(code, message, issues?) → ErrorBody
//   zodIssues(error: z.ZodError, pathPrefix?) → ErrorIssue[]   ("events[3].durationMs" style paths)
//   parseOr400(schema, value, what) → parsed value, or throws HttpError 400 `invalid_<what>` naming each bad field
//   installErrorHandlers(app)   (called by buildApp: 400/404/405/413/415/429/500/503 in this shape)
//   clientErrorHandler          (fastify option: 400/408/431 written on the raw socket, same shape)
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';

export interface ErrorIssue {
  /** Where in the input: `events[3].durationMs`, `filters[0].op`, `Last-Event-ID`. */
  path: string;
  message: string;
  /** For batch items: the index of the bad item. */
  index?: number;
}

export interface ErrorBody {
  error: { code: string; message: string; issues: ErrorIssue[] };
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ErrorIssue[] = [],
    /** Extra response headers (e.g. WWW-Authenticate, Allow). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function errorBody(code: string, message: string, issues: ErrorIssue[] = []): ErrorBody {
  return { error: { code, message, issues } };
}

/** `['events', 3, 'durationMs']` → `events[3].durationMs`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out;
}

export function zodIssues(error: z.ZodError, prefix: readonly PropertyKey[] = []): ErrorIssue[] {
  return error.issues.map((i) => {
    const path = [...prefix, ...i.path];
    const idx = path.findIndex((p) => typeof p === 'number');
    const issue: ErrorIssue = { path: formatPath(path) || '(body)', message: i.message };
    if (idx >= 0) issue.index = path[idx] as number;
    return issue;
  });
}

/** Parses with zod or throws a 400 naming every bad field. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = zodIssues(r.error);
  throw new HttpError(400, `invalid_${what}`, `invalid ${what}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
}

function fromFastifyError(err: FastifyError): HttpError | null {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpError(413, 'body_too_large', 'request body exceeds 1 MiB');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new HttpError(400, 'invalid_json', `malformed JSON body: ${err.message}`, [{ path: '(body)', message: err.message }]);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new HttpError(err.statusCode ?? 415, 'unsupported_media_type', 'send the body as application/json');
    default:
      break;
  }
  // JSON.parse errors from the default parser carry statusCode 400 but no FST code on some paths.
  if (err instanceof SyntaxError || (err.statusCode === 400 && /JSON/i.test(err.message))) {
    return new HttpError(400, 'invalid_json', `malformed JSON body: ${err.message}`, [{ path: '(body)', message: err.message }]);
  }
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    return new HttpError(err.statusCode, 'bad_request', err.message);
  }
  return null;
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | HttpError, request, reply) => {
    const httpErr = err instanceof HttpError ? err : fromFastifyError(err);
    if (!httpErr) {
      // Unexpected: log it (request serializers redact secrets) and answer without internals.
      request.log.error({ err }, 'unhandled error');
      return reply.code(500).send(errorBody('internal', 'internal server error'));
    }
    if (httpErr.status >= 500 && httpErr.code !== 'too_many_streams' && httpErr.code !== 'shutting_down') request.log.error({ err }, httpErr.message);
    for (const [k, v] of Object.entries(httpErr.headers)) void reply.header(k, v);
    return reply.code(httpErr.status).send(errorBody(httpErr.code, httpErr.message, httpErr.issues));
  });
  app.setNotFoundHandler((request, reply) => {
    return reply.code(404).send(errorBody('not_found', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`));
  });
}

/**
 * Any answer sent before its request's body was read (auth refused in onRequest, 404, 405, a GET
 * with a body) closes the connection rather than wait for a body that may come one byte every 20 s.
 */
export function installEarlyAnswerClose(app: FastifyInstance): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    if (bodyPending(request)) void reply.header('Connection', 'close');
    done(null, payload);
  });
}

function bodyPending(request: FastifyRequest): boolean {
  const h = request.headers;
  const announced = (h['content-length'] !== undefined && h['content-length'] !== '0') || h['transfer-encoding'] !== undefined;
  return announced && !request.raw.complete;
}

/** Errors Node's HTTP parser raises before there is a request (fastify's `clientErrorHandler` option). */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  // A response is already under way on this socket (e.g. a live stream): nothing sensible to add.
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (!socket.writable || inFlight?.headersSent === true) {
    socket.destroy();
    return;
  }
  const [status, code, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'headers_too_large', 'the request headers are too large (16 KiB at most)']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'request_timeout', 'the request did not arrive in time (M1_REQUEST_TIMEOUT_MS / M1_HEADERS_TIMEOUT_MS)']
        : [400, 'bad_request', 'malformed HTTP request'];
  socket.end(rawErrorResponse(status, code, message));
}

/** A whole HTTP/1.1 response in the service's error shape, for places that only have the socket. */
export function rawErrorResponse(status: number, code: string, message: string, extra: Record<string, string> = {}): string {
  const body = JSON.stringify(errorBody(code, message));
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    ...Object.entries(extra).map(([k, v]) => `${k}: ${v}`),
  ];
  return `${head.join('\r\n')}\r\n\r\n${body}`;
}

