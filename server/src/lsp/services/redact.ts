// What the editor may show of a value. Secrets (catalog `secret`, and names that say so) are never
// shown, URL credentials are masked, and a value that interpolates a secret counts as a secret.
import { redactUrl } from '../../../../shared/src/redact';
import { hasSecretName } from '../../catalog/secret-names';
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
  return shown;
}

/** Error text for logs: any URL credentials in it are masked. */
export function redactUrlsIn(text: string): string {
  return text.replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, (u) => redactUrl(u));
}
