// The control service's HTTP API (service.md) for the extension host and the browser page: fetch
// only (Node 20 and browsers), every response parsed with zod, every failure an ApiError whose
// message says what to do. The token is sent as a Bearer header and never appears in an error.
import type { z } from 'zod';
import { QueryResponseSchema, type QueryResponse } from '../../../shared/src/dashboard/query-result';
import { ApiError, failure, kindOfStatus, networkCause, VSCODE_HINTS, type FailureHints, type Scope } from './errors';
import {
  AcceptedSchema,
  AuditPageSchema,
  ErrorBodySchema,
  HealthSchema,
  RevokeAllResponseSchema,
  RevokeResponseSchema,
  TokenStatusSchema,
  type AuditPage,
  type Health,
  type RevokeAllResponse,
  type RevokeResponse,
  type TokenStatus,
} from './schemas';

export type FetchFn = (input: string, init: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  /** e.g. http://localhost:3000 (a path prefix is kept: http://proxy/m1/). */
  baseUrl: string;
  /** The admin token; null when none is set (calls that need one fail with `unauthorised`). */
  token: string | null;
  fetch?: FetchFn;
  hints?: FailureHints;
  timeoutMs?: number;
}

export type RevokeInput = { token: string; reason: string; tool?: string } | { jti: string; exp?: number; reason: string; tool?: string };
export type RevokeAllInput = ({ sub: string } | { tool: string }) & { reason: string };
export interface AuditFilter {
  actor?: string;
  tool?: string;
  sub?: string;
  /** ISO 8601 or epoch ms, as the service accepts. */
  since?: string;
  until?: string;
  limit?: number;
  cursor?: string;
}

interface Call<S extends z.ZodType> {
  method: 'GET' | 'POST';
  path: string;
  scope: Scope;
  schema: S;
  body?: unknown;
  auth?: boolean;
}

export class ApiClient {
  readonly baseUrl: string;
  readonly #token: string | null;
  readonly #fetch: FetchFn;
  readonly #hints: FailureHints;
  readonly #timeoutMs: number;

  constructor(o: ApiClientOptions) {
    this.baseUrl = o.baseUrl.replace(/\/+$/, '');
    this.#token = o.token;
    this.#fetch = o.fetch ?? ((input, init) => fetch(input, init));
    this.#hints = o.hints ?? VSCODE_HINTS;
    this.#timeoutMs = o.timeoutMs ?? 15_000;
  }

  health(): Promise<Health> {
    return this.#call({ method: 'GET', path: '/healthz', scope: 'analytics:read', schema: HealthSchema, auth: false });
  }

  query(query: Record<string, unknown>): Promise<QueryResponse> {
    return this.#call({ method: 'POST', path: '/v1/query', scope: 'analytics:read', schema: QueryResponseSchema, body: query });
  }

  async postEvents(events: unknown[]): Promise<number> {
    const r = await this.#call({ method: 'POST', path: '/v1/events', scope: 'events:write', schema: AcceptedSchema, body: { events } });
    return r.accepted;
  }

  revoke(input: RevokeInput): Promise<RevokeResponse> {
    return this.#call({ method: 'POST', path: '/v1/tokens/revoke', scope: 'tokens:revoke', schema: RevokeResponseSchema, body: input });
  }

  revokeAll(input: RevokeAllInput): Promise<RevokeAllResponse> {
    return this.#call({ method: 'POST', path: '/v1/tokens/revoke-all', scope: 'tokens:revoke', schema: RevokeAllResponseSchema, body: input });
  }

  tokenStatus(jti: string): Promise<TokenStatus> {
    const path = `/v1/tokens/${encodeURIComponent(jti)}`;
    return this.#call({ method: 'GET', path, scope: 'tokens:read', schema: TokenStatusSchema });
  }

  audit(filter: AuditFilter = {}): Promise<AuditPage> {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== '') q.set(k, String(v));
    const qs = q.size > 0 ? `?${q.toString()}` : '';
    return this.#call({ method: 'GET', path: `/v1/tokens/audit${qs}`, scope: 'tokens:audit', schema: AuditPageSchema });
  }

  async #call<S extends z.ZodType>(c: Call<S>): Promise<z.output<S>> {
    const ctx = { baseUrl: this.baseUrl, scope: c.scope };
    const needsAuth = c.auth ?? true;
    if (needsAuth && !this.#token) throw failure('unauthorised', { ...ctx, status: null }, this.#hints);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (needsAuth && this.#token) headers.authorization = `Bearer ${this.#token}`;
    if (c.body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await this.#fetch(this.baseUrl + c.path, {
        method: c.method,
        headers,
        body: c.body === undefined ? undefined : JSON.stringify(c.body),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (e) {
      throw failure('unreachable', { ...ctx, status: null, detail: networkCause(e) }, this.#hints);
    }
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      json = undefined;
    }
    if (!res.ok) {
      const body = ErrorBodySchema.safeParse(json);
      const err = body.success ? body.data.error : undefined;
      throw failure(
        kindOfStatus(res.status),
        {
          ...ctx,
          status: res.status,
          serverMessage: err?.message,
          issues: err?.issues?.map((i) => `${i.path}: ${i.message}`),
        },
        this.#hints,
      );
    }
    const parsed = c.schema.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const detail = json === undefined ? 'not JSON' : `${first?.path.join('.') || '(body)'}: ${first?.message ?? 'invalid'}`;
      throw failure('invalid-response', { ...ctx, status: res.status, detail }, this.#hints);
    }
    return parsed.data;
  }
}

export { ApiError };
