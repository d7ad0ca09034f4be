// Error text that may be shown or logged: never a password from a URL, never a token.
const URL_CREDENTIALS = /(\b[a-z][a-z0-9+.-]*:\/\/)([^/@\s]*)@/gi;
const JWT_LIKE = /\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g;

export function safeErrorMessage(e: unknown): string {
  const raw = e instanceof Error ? e.message : typeof e === 'string' ? e : 'unknown error';
  return raw.replace(URL_CREDENTIALS, '$1***@').replace(JWT_LIKE, '[token]').slice(0, 300);
}
