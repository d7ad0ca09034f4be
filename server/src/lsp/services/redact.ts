// What the editor may show of a value, through the one secret detector (catalog/secret-detector.ts).
// Secrets (catalog `secret`, names that say so, values shaped like a credential) are never shown, URL
// passwords are masked, and a value that interpolates a secret counts as a secret.
import { redactUrl } from '../../../../shared/src/redact';
import { hasSecretName, isSecretValue } from '../../catalog/secret-detector';
import type { VariableInfo } from './catalog';

const URL_WITH_USERINFO = /^[a-z][a-z0-9+.-]*:\/\/[^@]*:[^@]*@/i;

export function isSecret(key: string, info: VariableInfo | undefined): boolean {
  // Defence in depth for variables the catalog does not know: the same name list as the rules.
  return info ? info.secret : hasSecretName(key);
}

/**
 * The value to display, or undefined when nothing of it may be shown. `secretValues` are the values
 * of the document's secret variables: a value containing one (interpolation) is hidden too.
 */
export function displayableValue(value: string, info: VariableInfo | undefined, secretValues: readonly string[]): string | undefined {
  if (secretValues.some((s) => s.length >= 4 && value.includes(s))) return undefined;
  const shown = redactUrl(value, { username: info?.urlCredentials?.username === true });
  // An unencoded `/` in a password hides the user info from the redactor: when in doubt, hide.
  if (shown === value && URL_WITH_USERINFO.test(value) && !value.includes('****@')) return undefined;
  // A credential by its shape (sk_live_…, ghp_…, a JWT, a PEM block, a random token), whatever the name.
  if (isSecretValue(shown)) return undefined;
  return shown;
}

/** Error text for logs: any URL credentials in it are masked. */
export function redactUrlsIn(text: string): string {
  return text.replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, (u) => redactUrl(u));
}

/** Values of the document that must not show up inside another value (by name, catalog or shape). */
export function isSecretEntryValue(key: string, value: string, info: VariableInfo | undefined): boolean {
  // A URL's password is masked where the URL shows, so the URL as a whole is not a secret value.
  return isSecret(key, info) || isSecretValue(redactUrl(value, { username: info?.urlCredentials?.username === true }));
}
