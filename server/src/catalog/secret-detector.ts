// The one secret detector: a value is hidden when its variable is a secret (the catalog says so, or
// the name says so: secret-names.ts) OR the value itself looks like a credential (secret-values.ts).
// Hover, outline, completion, rule messages, diagnostics and the language server's log all ask here.
import { REDACTED } from '../../../shared/src/redact';
import { hasSecretName } from './secret-names';
import { CREDENTIAL_SHAPES, MAX_SCAN, credentialShape, isHighEntropy, isSecretValue } from './secret-values';

export { hasSecretName } from './secret-names';
export { credentialShape, isHighEntropy, isSecretValue, liveCredentialShape } from './secret-values';

/**
 * Must this entry's value stay hidden? `catalogSecret` is the catalog's verdict for a known variable
 * (undefined for a key the catalog does not know: the name decides then).
 */
export function isSecretEntry(key: string, value: string, catalogSecret?: boolean): boolean {
  const byName = catalogSecret ?? hasSecretName(key);
  return byName || isSecretValue(value);
}

const GLOBAL_SHAPES = CREDENTIAL_SHAPES.map((s) => new RegExp(s.re.source, `${s.re.flags.replace('g', '')}g`));
// A URL's password: everything between `scheme://user:` and the last `@` of the authority.
const URL_PASSWORD_SOURCE = String.raw`(\b[a-z][a-z0-9+.-]{0,31}:\/\/[^\s/@:]{0,256}:)[^\s@/]{1,256}(@)`;
const URL_PASSWORD = new RegExp(URL_PASSWORD_SOURCE, 'gi');
const PEM_BODY_START = /-----BEGIN /;
const URL_PASSWORD_TEST = new RegExp(URL_PASSWORD_SOURCE, 'i');
const TOKEN = /[0-9A-Za-z+/=_.~-]{20,}/g;

function hasRandomToken(text: string): boolean {
  return LONG_RUN.test(text) && (text.match(TOKEN) ?? []).some(isHighEntropy);
}
const LONG_RUN = /[0-9A-Za-z+=]{16}/;

const MAY_HOLD_SECRET = /[0-9A-Za-z+/=_.~-]{16}|-----BEGIN|:\/\/[^\s/@]{0,256}:[^\s@]{0,256}@/;
const PEM_BODY = /-----BEGIN ([A-Z0-9 ]{1,64})-----[\s\S]*?(?:-----END \1-----|$)/g;

/**
 * A text for a message or a log line with every credential-shaped part replaced by `****`: provider
 * keys, JWTs, PEM blocks (whole, body included), URL passwords and random-looking tokens. Ordinary
 * words, URLs without a password, paths and numbers are left alone.
 */
export function redactSecretsIn(input: string): string {
  // A message or log line longer than this is cut: nobody reads it, and every scan stays linear.
  const text = input.length > MAX_SCAN ? `${input.slice(0, MAX_SCAN)}…` : input;
  // Fast path: nothing credential-shaped and no random-looking token. Most messages have neither.
  if (!MAY_HOLD_SECRET.test(text)) return text;
  if (credentialShape(text) === undefined && !PEM_BODY_START.test(text) && !URL_PASSWORD_TEST.test(text) && !hasRandomToken(text)) return text;
  let out = text.replace(PEM_BODY, REDACTED).replace(URL_PASSWORD, `$1${REDACTED}$2`);
  for (const re of GLOBAL_SHAPES) out = out.replace(re, (m) => (m.includes(`:${REDACTED}@`) ? m : REDACTED));
  // Random-looking tokens, one word at a time (quotes and brackets around them kept).
  return out.replace(TOKEN, (w) => (isHighEntropy(w) ? REDACTED : w));
}
