// How a target is named in messages: `host:port` only, never the user info of the URL, so a
// password cannot leak through a finding, a log line or a test snapshot.
import { REDACTED } from '../../../shared/src/redact';

const DEFAULT_PORTS: Record<string, number> = {
  'http:': 80,
  'https:': 443,
  'redis:': 6379,
  'rediss:': 6379,
  'postgres:': 5432,
  'postgresql:': 5432,
};

/** `host:port` of a URL (default port filled in; IPv6 hosts stay bracketed). */
export function hostPort(url: URL): string {
  // PostgreSQL URLs may name a host (or a socket directory) in the query instead.
  const host = url.hostname || url.searchParams.get('host') || 'localhost';
  const port = url.port || String(DEFAULT_PORTS[url.protocol] ?? '');
  return port ? `${host}:${port}` : host;
}

/** Removes every known secret (raw and percent-decoded forms) from a text taken from a driver. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (!s) continue;
    for (const form of new Set([s, safeDecode(s), encodeURIComponent(safeDecode(s))])) {
      if (form) out = out.split(form).join(REDACTED);
    }
  }
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Parses a URL value, or null when it is not one (the type rules report that; nothing to check). */
export function parseUrl(value: string | undefined, protocols: readonly string[]): URL | null {
  if (!value) return null;
  try {
    const u = new URL(value);
    return protocols.includes(u.protocol) ? u : null;
  } catch {
    return null;
  }
}
