// Credentials in URLs are never shown: `redis://:s3cret@host` is displayed as `redis://:****@host`.
// String-based on purpose: `new URL()` would normalise the text (case, encoding, default ports) and
// throws on the half-written URLs an editor shows while the user types.

export const REDACTED = '****';

export interface RedactOptions {
  /** Also hide the user name (the SENTRY_DSN key sits there). */
  username?: boolean;
}

/** The URL with its password (and optionally user name) replaced by `****`; other text unchanged. */
export function redactUrl(url: string, opts: RedactOptions = {}): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url);
  if (!scheme) return url;
  const start = scheme[0].length;
  const rest = url.slice(start);
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  // The last `@` ends the user info: an unencoded `@` in a password stays hidden.
  const at = authority.lastIndexOf('@');
  if (at < 0) return url;
  const userInfo = authority.slice(0, at);
  const colon = userInfo.indexOf(':');
  const user = colon < 0 ? userInfo : userInfo.slice(0, colon);
  const hasPassword = colon >= 0 && colon < userInfo.length - 1;
  const shownUser = opts.username && user !== '' ? REDACTED : user;
  const shownInfo = hasPassword ? `${shownUser}:${REDACTED}` : colon >= 0 ? `${shownUser}:` : shownUser;
  return url.slice(0, start) + shownInfo + authority.slice(at) + rest.slice(authority.length);
}
