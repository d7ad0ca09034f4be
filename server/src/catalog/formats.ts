// Pure format predicates and parsers for the catalog's value types. No zod here: schemas.ts wraps
// these so that the rules, the hover and the bench peer all agree on what "valid" means.
import { isIP } from 'node:net';

const INT = /^-?\d+$/;
const NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;
const DURATION = /^(\d+)(ms|s|m|h|d)$/;
const DURATION_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
// semver.org's recommended expression.
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
// AWS style (us-east-1, us-gov-west-1) and Google Cloud style (europe-west4).
const REGION = /^(?:[a-z]{2}(?:-[a-z]+)+-\d{1,2}|[a-z]+-[a-z]+\d{1,2})$/;
const HOST_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;
const PEM = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]+?-----END \1-----/;
const DEBUG_NAMESPACE = /^-?[\w:.*/@-]+$/;

export const BOOL_VALUES = ['true', 'false', '1', '0'] as const;

export function isInt(s: string): boolean {
  return INT.test(s);
}

export function isNumber(s: string): boolean {
  return NUMBER.test(s) && Number.isFinite(Number(s));
}

export function isBool(s: string): boolean {
  return (BOOL_VALUES as readonly string[]).includes(s);
}

/** `true`/`1` for bool variables. */
export function isTruthyBool(s: string): boolean {
  return s === 'true' || s === '1';
}

/** Milliseconds of a `<n>(ms|s|m|h|d)` duration, or undefined when it is not one. */
export function durationMs(s: string): number | undefined {
  const m = DURATION.exec(s);
  if (!m) return undefined;
  return Number(m[1]) * (DURATION_MS[m[2] ?? ''] ?? Number.NaN);
}

export function isSemver(s: string): boolean {
  return SEMVER.test(s);
}

export function isRegion(s: string): boolean {
  return REGION.test(s);
}

/** RFC 1123 host name (last label not all digits, so `999.1.1.1` is not one) or an IPv4/IPv6 address. */
export function isHost(s: string): boolean {
  if (isIP(s) !== 0) return true;
  if (s.length === 0 || s.length > 253) return false;
  const labels = s.replace(/\.$/, '').split('.');
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) return false;
  return labels.every((l) => HOST_LABEL.test(l));
}

/** Host name of a URL without IPv6 brackets, lower-cased. */
export function urlHost(u: URL): string {
  return u.hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

/** localhost, *.localhost, 127.0.0.0/8, ::1: reachable only from the machine itself. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::1' || h === '0:0:0:0:0:0:0:1';
}

/** The URL when `s` is an absolute URL with a host (or any URL for schemes without one), else undefined. */
export function parseUrl(s: string): URL | undefined {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) return undefined;
  try {
    return new URL(s);
  } catch {
    return undefined;
  }
}

export function urlScheme(u: URL): string {
  return u.protocol.slice(0, -1).toLowerCase();
}

export type PemProblem = 'none' | 'no-pem' | 'private-key';

/** A PEM block with matching BEGIN/END markers; a private key where a public key belongs is a problem of its own. */
export function pemProblem(s: string): PemProblem {
  const m = PEM.exec(s);
  if (!m) return 'no-pem';
  return (m[1] ?? '').includes('PRIVATE') ? 'private-key' : 'none';
}

/** Why `s` is not a comma list of origins (or `*`), or undefined when it is one. */
export function originsProblem(s: string): string | undefined {
  for (const item of s.split(',').map((x) => x.trim())) {
    if (item === '*') continue;
    if (item === '') return 'it has an empty entry (a stray comma)';
    const u = parseUrl(item);
    if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:')) return `"${item}" is not an http(s) origin`;
    if (u.username || u.password || u.search || u.hash || u.pathname !== '/' || item.endsWith('/')) {
      return `"${item}" is not a bare origin (browsers send scheme://host[:port] with no path or trailing slash)`;
    }
  }
  return undefined;
}

/** The elements of a comma list, trimmed. */
export function listItems(s: string): string[] {
  return s.split(',').map((x) => x.trim());
}

export function isDebugValue(s: string): boolean {
  if (isBool(s)) return true;
  const items = s.split(/[\s,]+/).filter((x) => x !== '');
  return items.length > 0 && items.every((x) => DEBUG_NAMESPACE.test(x));
}

/** DEBUG turns output on unless it is empty, `false` or `0`. */
export function isDebugOn(s: string): boolean {
  const v = s.trim();
  return v !== '' && v !== 'false' && v !== '0';
}

export function isPath(s: string): boolean {
  return s.length > 0 && !s.includes('\0');
}
