// Messages never show a value. Names found inside a value (a `$NAME` reference) are shown only when the
// entry is not one that may hold a secret: in `DB_PASSWORD=ab$cd`, "cd" is part of the password.
import { getVariable } from '../../catalog';
import { hasSecretName } from '../../catalog/secret-names';

/** A URL may carry credentials in its user info. */
const URL_NAME = /_URL$/i;

export function mayHoldSecret(key: string): boolean {
  const spec = getVariable(key);
  if (spec) return spec.secret === true || (spec.secretUrlParts?.length ?? 0) > 0;
  return hasSecretName(key) || URL_NAME.test(key);
}
