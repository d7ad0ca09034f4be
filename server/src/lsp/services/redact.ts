// What the editor may show of a value. Secrets (catalog `secret`, and names that say so) are never
// shown, URL credentials are masked, and a value that interpolates a secret counts as a secret.
import { redactUrl } from '../../../../shared/src/redact';
import type { VariableInfo } from './catalog';

/** Defence in depth for variables the catalog does not know (STRIPE_KEY, DB_PASSWORD, …). */
const SECRET_NAME = /(SECRET|PASSWORD|PASSWD|TOKEN|PRIVATE|CREDENTIAL|API_?KEY|_KEY$)/i;
const URL_WITH_USERINFO = /^[a-z][a-z0-9+.-]*:\/\/[^@]*:[^@]*@/i;

export function isSecret(key: string, info: VariableInfo | undefined): boolean {
  return info ? info.secret : SECRET_NAME.test(key);
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
  return shown;
}

/** Error text for logs: any URL credentials in it are masked. */
export function redactUrlsIn(text: string): string {
  return text.replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, (u) => redactUrl(u));
}
