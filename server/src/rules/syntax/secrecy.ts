// Messages never show a value. Names found inside a value (a `$NAME` reference) are shown only when the
// entry is not one that may hold a secret: in `DB_PASSWORD=ab$cd`, "cd" is part of the password.
import { getVariable } from '../../catalog';

const SECRET_LOOKING = /SECRET|PASSW|PWD|TOKEN|PRIVATE|CREDENTIAL|API_?KEY|_KEY$|^KEY$|AUTH|DSN|_URL$/i;

export function mayHoldSecret(key: string): boolean {
  const spec = getVariable(key);
  if (spec) return spec.secret === true || (spec.secretUrlParts?.length ?? 0) > 0;
  return SECRET_LOOKING.test(key);
}
