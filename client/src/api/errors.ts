// Typed failures of service calls, each with a message that says what to do. The remedies differ by
// host (VS Code names its setting and command; the browser page names the printed URL), so the
// wording of the remedies is injected as `FailureHints`.
import type { ApiFailure, ApiFailureKind } from '../../../shared/src/dashboard/query-result';

export const SCOPES = ['events:write', 'analytics:read', 'tokens:revoke', 'tokens:read', 'tokens:audit'] as const;
export type Scope = (typeof SCOPES)[number];

export interface FailureHints {
  unreachable(baseUrl: string): string;
  unauthorised(): string;
  forbidden(scope: Scope): string;
}

export const VSCODE_HINTS: FailureHints = {
  unreachable: (url) => `Check the "m1ops.service.url" setting (now ${url}) and that the service is running (npm start).`,
  unauthorised: () => 'Run "M1: Set Admin Token" with a valid, unexpired admin token.',
  forbidden: (scope) => `The admin token lacks the scope "${scope}". Run "M1: Set Admin Token" with a token that has it.`,
};

export class ApiError extends Error {
  constructor(readonly failure: ApiFailure) {
    super(failure.message);
    this.name = 'ApiError';
  }
  get kind(): ApiFailureKind {
    return this.failure.kind;
  }
  get status(): number | null {
    return this.failure.status;
  }
}

/** Node's fetch hides the reason in `cause` (ECONNREFUSED, ENOTFOUND, …); a browser gives none. */
export function networkCause(e: unknown): string {
  if (e instanceof Error) {
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'no answer in time';
    const cause = (e as Error & { cause?: unknown }).cause;
    if (cause && typeof cause === 'object' && 'code' in cause && typeof cause.code === 'string') return cause.code;
    return e.message;
  }
  return String(e);
}

export interface FailureContext {
  status: number | null;
  baseUrl: string;
  scope: Scope;
  /** The service's own message and issues, from its `{"error": …}` body when it sent one. */
  serverMessage?: string;
  issues?: string[];
  /** For `unreachable` and `invalid-response`: what happened. */
  detail?: string;
}

export function failure(kind: ApiFailureKind, c: FailureContext, hints: FailureHints): ApiError {
  const said = c.serverMessage ? `: ${c.serverMessage.slice(0, 500)}` : '';
  let message: string;
  switch (kind) {
    case 'unreachable':
      message = `Cannot reach the M1 service at ${c.baseUrl} (${c.detail ?? 'no answer'}). ${hints.unreachable(c.baseUrl)}`;
      break;
    case 'unauthorised':
      message = `The M1 service refused the admin token (401). ${hints.unauthorised()}`;
      break;
    case 'forbidden':
      message = `The M1 service denied the request (403). ${hints.forbidden(c.scope)}`;
      break;
    case 'bad-request':
      message = `The M1 service rejected the request (${c.status ?? 400})${said}`;
      break;
    case 'not-found':
      message = `The M1 service does not know this route (404)${said}. Is ${c.baseUrl} an M1 control service of this version?`;
      break;
    case 'server':
      message = `The M1 service failed (${c.status ?? 500})${said}. See its log; try again later.`;
      break;
    case 'invalid-response':
      message = `The M1 service answered with something unexpected (${c.detail ?? 'invalid body'}). Is ${c.baseUrl} an M1 control service of this version?`;
      break;
  }
  return new ApiError({ kind, status: c.status, message, issues: (c.issues ?? []).slice(0, 100).map((i) => i.slice(0, 500)) });
}

export function kindOfStatus(status: number): ApiFailureKind {
  if (status === 401) return 'unauthorised';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status >= 500) return 'server';
  return 'bad-request';
}
