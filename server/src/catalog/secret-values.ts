// Values that are credentials whatever their variable is called: the shapes providers give their
// keys (Stripe, GitHub, Slack, AWS, Google, ...), JWTs, PEM blocks, URLs with a password, and long
// random-looking strings. With secret-names.ts (names), the one detector behind every surface that
// could show a value: hover, outline, completion, messages and logs (see secret-detector.ts), and
// the `committed-secret` rule, which flags the shapes marked `live`.

export interface CredentialShape {
  /** What it is, for messages: "a Stripe secret key". Never the value. */
  name: string;
  re: RegExp;
  /**
   * A credential issued by a provider that works as it stands (an API key, a token, a private key):
   * committing one is a leak. Public material (a PEM public key) and URL passwords (usually local
   * development defaults) are hidden but not flagged.
   */
  live: boolean;
}

// Each pattern is anchored on a distinctive prefix, so ordinary values never match by accident, and
// every repetition is bounded, so that no value (a hostile document has 1 MB lines) makes one slow.
export const CREDENTIAL_SHAPES: readonly CredentialShape[] = [
  { name: 'a Stripe secret key', re: /\b(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,512}/, live: true },
  { name: 'a Stripe webhook secret', re: /\bwhsec_[0-9A-Za-z]{24,512}/, live: true },
  { name: 'a GitHub token', re: /\bgh[pousr]_[0-9A-Za-z]{36,512}/, live: true },
  { name: 'a GitHub fine-grained token', re: /\bgithub_pat_[0-9A-Za-z_]{40,512}/, live: true },
  { name: 'a GitLab token', re: /\bglpat-[0-9A-Za-z_-]{20,512}/, live: true },
  { name: 'a Slack token', re: /\bxox[abpors]-[0-9A-Za-z-]{10,512}/, live: true },
  { name: 'a Slack webhook URL', re: /https:\/\/hooks\.slack\.com\/services\/T[0-9A-Za-z]{1,32}\/B[0-9A-Za-z]{1,32}\/[0-9A-Za-z]{1,64}/, live: true },
  { name: 'a Discord webhook URL', re: /https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d{1,32}\/[0-9A-Za-z_-]{1,128}/, live: true },
  { name: 'an AWS access key id', re: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/, live: true },
  { name: 'a Google API key', re: /\bAIza[0-9A-Za-z_-]{35}/, live: true },
  { name: 'an OpenAI or Anthropic API key', re: /\bsk-(?:proj-|ant-(?:api\d\d-)?)?[0-9A-Za-z_-]{32,512}/, live: true },
  { name: 'an npm token', re: /\bnpm_[0-9A-Za-z]{36}\b/, live: true },
  { name: 'a SendGrid API key', re: /\bSG\.[0-9A-Za-z_-]{22}\.[0-9A-Za-z_-]{43}\b/, live: true },
  { name: 'a Shopify token', re: /\bshp(?:at|ca|pa|ss)_[0-9a-fA-F]{32}\b/, live: true },
  { name: 'a Square token', re: /\bsq0(?:atp|csp)-[0-9A-Za-z_-]{22,512}/, live: true },
  { name: 'a Mailgun API key', re: /\bkey-[0-9a-f]{32}\b/, live: true },
  { name: 'a JSON Web Token', re: /\beyJ[0-9A-Za-z_-]{8,512}\.eyJ[0-9A-Za-z_-]{8,512}\.[0-9A-Za-z_-]{8,512}/, live: true },
  { name: 'a private key', re: /-----BEGIN (?:[A-Z0-9]{1,16} ){0,4}PRIVATE KEY(?: BLOCK)?-----/, live: true },
  { name: 'a PEM block', re: /-----BEGIN [A-Z0-9 ]{1,64}-----/, live: false },
  { name: 'a URL with a password', re: /\b[A-Za-z][A-Za-z0-9+.-]{0,31}:\/\/[^\s/@:]{0,256}:(?!\*\*\*\*@)[^\s@]{1,256}@/, live: false },
];

// All shapes in one pattern: one scan rejects the (vast majority of) values that have none.
const ANY_SHAPE = new RegExp(CREDENTIAL_SHAPES.map((s) => `(?:${s.re.source})`).join('|'));

// The language server validates the same values on every keystroke: answers are remembered (bounded).
const MEMO_LIMIT = 20_000;
const MEMO_MAX_LENGTH = 256; // bounded memory: at most 20,000 values of 256 characters
const shapeMemo = new Map<string, CredentialShape | null>();
const liveMemo = new Map<string, CredentialShape | null>();

function memo(cache: Map<string, CredentialShape | null>, value: string, compute: () => CredentialShape | undefined): CredentialShape | undefined {
  const hit = cache.get(value);
  if (hit !== undefined) return hit ?? undefined;
  const found = ANY_SHAPE.test(value) ? compute() : undefined;
  if (cache.size >= MEMO_LIMIT) cache.clear();
  if (value.length <= MEMO_MAX_LENGTH) cache.set(value, found ?? null);
  return found;
}

/** Values are scanned up to this length (a PEM private key is about 3,300 characters). */
export const MAX_SCAN = 16_384;

/** The first credential shape the value has (in its first MAX_SCAN characters), or undefined. */
export function credentialShape(value: string): CredentialShape | undefined {
  const v = value.length > MAX_SCAN ? value.slice(0, MAX_SCAN) : value;
  return memo(shapeMemo, v, () => CREDENTIAL_SHAPES.find((s) => s.re.test(v)));
}

/** The value has the shape of a credential a provider issued (the `committed-secret` rule). */
export function liveCredentialShape(value: string): CredentialShape | undefined {
  const v = value.length > MAX_SCAN ? value.slice(0, MAX_SCAN) : value;
  return memo(liveMemo, v, () => CREDENTIAL_SHAPES.find((s) => s.live && s.re.test(v)));
}

const LONG_RUN = /[0-9A-Za-z+=]{16}/;
const TOKEN_CHARS = /^[0-9A-Za-z+/=_.~-]+$/;
/** A random string this long and this mixed is a key, not a word, a number, a path or a host name. */
const MIN_RANDOM_LENGTH = 20;
const MIN_BITS_PER_CHAR = 3.5;

/** Shannon entropy of the characters of `s`, in bits per character. */
export function entropyPerChar(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/**
 * A long, random-looking token: one word of key characters, letters and digits mixed, high entropy.
 * Hex strings of 32+ characters count too (digests and API keys alike: hiding a digest costs nothing).
 * Paths (`/var/lib/app`), host names, versions, numbers and sentences never qualify.
 */
export function isHighEntropy(value: string): boolean {
  const v = value.trim();
  // Cheapest test first: a random token has a long unbroken run (SCREAMING_SNAKE names never do).
  if (!LONG_RUN.test(v)) return false;
  if (v.length < MIN_RANDOM_LENGTH || !TOKEN_CHARS.test(v)) return false;
  if (v.startsWith('/') || v.startsWith('./') || v.startsWith('~')) return false;
  if (/^[0-9a-fA-F]{32,}$/.test(v) && /[a-fA-F]/.test(v) && /\d/.test(v)) return true;
  const classes = [/[a-z]/, /[A-Z]/, /\d/].filter((re) => re.test(v)).length;
  if (classes < 3 && !(classes === 2 && /\d/.test(v))) return false;
  // Words joined by separators (my-app-service-v2) are names: random strings have long runs.
  const longestRun = Math.max(...v.split(/[._~/-]/).map((p) => p.length));
  if (longestRun < 16) return false;
  return entropyPerChar(v) >= MIN_BITS_PER_CHAR;
}

/** The value is, or contains, something that must not be shown. */
export function isSecretValue(value: string): boolean {
  // Longer than anything worth displaying, and too long to scan: hidden, when in doubt.
  if (value.length > MAX_SCAN) return true;
  const hit = secretMemo.get(value);
  if (hit !== undefined) return hit;
  const secret = credentialShape(value) !== undefined || value.split(/\s+/).some(isHighEntropy);
  if (secretMemo.size >= MEMO_LIMIT) secretMemo.clear();
  if (value.length <= MEMO_MAX_LENGTH) secretMemo.set(value, secret);
  return secret;
}
const secretMemo = new Map<string, boolean>();
